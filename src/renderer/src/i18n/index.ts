/**
 * i18next for the pages callers and viewers see (the station page and the stream overlay). The
 * language comes from `?lang=` (an overlay's URL), then the caller's own choice, then the
 * browser's languages (pt-BR finds pt), else English. The console stays in English: it is the
 * operator's, and its words are the operating position's.
 */
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import type { en } from './locales/en';
import { LANGUAGES, LANGUAGE_STORAGE_KEY } from './languages';
import { MESSAGES } from './messages';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
  }
}

export function startI18n(): typeof i18n {
  void i18n
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources: Object.fromEntries(Object.entries(MESSAGES).map(([code, translation]) => [code, { translation }])),
      supportedLngs: LANGUAGES.map((language) => language.code),
      nonExplicitSupportedLngs: true,
      load: 'languageOnly',
      fallbackLng: 'en',
      // React escapes what it renders; i18next must not escape it again (a reason with "&" in it).
      interpolation: { escapeValue: false },
      detection: {
        order: ['querystring', 'localStorage', 'navigator'],
        lookupQuerystring: 'lang',
        lookupLocalStorage: LANGUAGE_STORAGE_KEY,
        // Only a choice made with the switcher is kept, not what the browser said.
        caches: []
      },
      initAsync: false
    });
  const showLanguage = (language: string) => {
    document.documentElement.lang = language;
  };
  showLanguage(i18n.resolvedLanguage ?? 'en');
  i18n.on('languageChanged', () => showLanguage(i18n.resolvedLanguage ?? 'en'));
  return i18n;
}

/** The caller picked a language: use it now and next time. */
export function chooseLanguage(code: string): void {
  localStorage.setItem(LANGUAGE_STORAGE_KEY, code);
  void i18n.changeLanguage(code);
}
