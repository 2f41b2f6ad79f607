import { useTranslation } from 'react-i18next';

/** 完了したLOC申請: finished requests, searchable, each one reopenable with a reason. */
export function CompletedScreen() {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="completed-title">
      <h2 id="completed-title">{t('completed.title')}</h2>
    </section>
  );
}
