import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogs, defaultLanguage, isLanguage, languages, type Language } from './catalogs';

const STORAGE_KEY = 'tanto.language';

function savedLanguage(): Language {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(saved) ? saved : defaultLanguage;
  } catch {
    return defaultLanguage;
  }
}

export function setupI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: Object.fromEntries(Object.entries(catalogs).map(([lng, catalog]) => [lng, { translation: catalog }])),
    lng: savedLanguage(),
    fallbackLng: defaultLanguage,
    supportedLngs: languages,
    // React escapes every string it renders; escaping here as well would show entities.
    interpolation: { escapeValue: false },
    initAsync: false,
    react: { useSuspense: false },
  });
  const root = globalThis.document?.documentElement;
  if (root) root.lang = i18next.language;
  i18next.on('languageChanged', (lng) => {
    if (root) root.lang = lng;
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, lng);
    } catch {
      // A private window may refuse storage; the choice then lasts for this page only.
    }
  });
  return i18next;
}
