import { Notification } from 'electron';
import type { Notice, NoticeTarget } from './notice-decider';

/**
 * Shows a Notice as a Windows notification (notice-decider.ts decides which). Each one is kept
 * until it is clicked or closed: a Notification that is garbage-collected loses its click.
 */
export function notificationShower(icon: string, onClick: (target: NoticeTarget) => void): (notice: Notice) => void {
  const live = new Set<Notification>();
  return (notice) => {
    if (!Notification.isSupported()) return;
    const shown = new Notification({ title: notice.title, body: notice.body, icon });
    live.add(shown);
    shown.on('click', () => {
      live.delete(shown);
      onClick(notice.target);
    });
    shown.on('close', () => live.delete(shown));
    shown.show();
  };
}
