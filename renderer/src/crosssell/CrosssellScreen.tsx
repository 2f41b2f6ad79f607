import { useTranslation } from 'react-i18next';

/** クロスセル設定: the list of configs and their editor. */
export function CrosssellScreen() {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="crosssell-title">
      <h2 id="crosssell-title">{t('crosssell.title')}</h2>
    </section>
  );
}
