import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateNotice as Notice } from '../../../electron/core/api/types';
import { subscribeUpdateNotices, updateMessage } from './update-notice';

/** The top bar's word on the desktop app's update: found, downloading, ready, installing. */
export function UpdateNotice() {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<Notice | null>(null);
  useEffect(() => subscribeUpdateNotices(setNotice), []);
  const message = notice ? updateMessage(notice) : null;
  if (!notice || !message) return null;
  return (
    <span className="badge badge-update" role="status" data-update={notice.phase}>
      {t(message.key, message.values)}
    </span>
  );
}
