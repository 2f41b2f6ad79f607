import { useTranslation } from 'react-i18next';
import { isLanguage, languages } from '../i18n/catalogs';

/** Each language is named in itself, so staff can find theirs whatever is shown now. */
const NATIVE_NAMES: Record<(typeof languages)[number], string> = { ja: '日本語', en: 'English', 'zh-TW': '繁體中文' };

export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      <span>{t('app.language')}</span>
      <select
        value={i18n.language}
        onChange={(e) => {
          if (isLanguage(e.target.value)) void i18n.changeLanguage(e.target.value);
        }}
      >
        {languages.map((lng) => (
          <option key={lng} value={lng}>
            {NATIVE_NAMES[lng]}
          </option>
        ))}
      </select>
    </label>
  );
}
