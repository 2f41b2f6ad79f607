import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { inDesktopApp } from '../api/desktop-shell';
import { useAlertSettings } from './alert-settings';
import { createNewlyNeeding } from './newly-needing';
import { useNeedsPerson } from './use-needs-person';

/** A short two-tone chime made in the page, so no sound file has to be shipped or allowed by the CSP. */
function chime(): void {
  const audio = new AudioContext();
  const start = audio.currentTime;
  [880, 660].forEach((hz, i) => {
    const tone = audio.createOscillator();
    const level = audio.createGain();
    tone.frequency.value = hz;
    level.gain.setValueAtTime(0.15, start + i * 0.18);
    level.gain.exponentialRampToValueAtTime(0.001, start + i * 0.18 + 0.16);
    tone.connect(level).connect(audio.destination);
    tone.start(start + i * 0.18);
    tone.stop(start + i * 0.18 + 0.17);
  });
  setTimeout(() => void audio.close(), 1_000);
}

/**
 * Tells the clerk, through the system's own notifications (the browser's, or Electron's, which
 * shows web notifications), when a request newly needs a person, so nobody has to watch the
 * dashboard. One notification for what arrived together; clicking it brings the window forward.
 */
export function NeedsPersonAlerts({ onOpen }: { onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const settings = useAlertSettings();
  const waiting = useNeedsPerson();
  const newly = useRef(createNewlyNeeding());
  const latest = useRef({ settings, onOpen, t });
  useEffect(() => {
    latest.current = { settings, onOpen, t };
  });

  useEffect(() => {
    if (!waiting.data) return;
    const fresh = newly.current(waiting.data.items);
    const { settings: now, onOpen: open, t: say } = latest.current;
    if (fresh.length === 0) return;
    // The desktop app's own Windows notification, with its sound, covers a window out of sight;
    // the chime is for the window in front of staff, which Windows does not notify.
    if (inDesktopApp()) {
      if (now.sound && document.hasFocus()) chime();
      return;
    }
    if (!now.notify || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const first = waiting.data.items.find((row) => row.id === fresh[0]?.id);
    const title = fresh.length === 1 ? say('clerk.alerts.one', { id: fresh[0]?.id }) : say('clerk.alerts.many', { count: fresh.length });
    const body = first ? say('clerk.alerts.body', { name: first.memberDisplayName, kind: say(`loc.kind.${first.kind}`, { defaultValue: '' }) }) : '';
    const shown = new Notification(title, { body, tag: `needs-person-${fresh[0]?.id ?? 0}` });
    shown.onclick = () => {
      window.focus();
      if (fresh[0]) open(fresh[0].id);
      shown.close();
    };
    if (now.sound) chime();
  }, [waiting.data]);

  return null;
}
