import { useTranslation } from 'react-i18next';

export function MissingToken() {
  const { t } = useTranslation();
  return (
    <main className="app">
      <section className="panel">
        <h1>{t('token.missingTitle')}</h1>
        <p>{t('token.missingBody')}</p>
      </section>
    </main>
  );
}
