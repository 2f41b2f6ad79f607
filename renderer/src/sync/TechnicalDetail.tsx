import { useTranslation } from 'react-i18next';

/** The cloud's or the parser's own words, for support: folded away behind 詳細 so staff read the sentence above it first. */
export function TechnicalDetail({ text, more }: { text: string; more?: string }) {
  const { t } = useTranslation();
  return (
    <details className="sync-detail">
      <summary>{t('syncScreen.detail')}</summary>
      <code className="sync-reason">{text}</code>
      {more && <code className="sync-reason-more">{more}</code>}
    </details>
  );
}
