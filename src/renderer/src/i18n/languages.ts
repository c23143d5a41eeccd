/** The languages the station page and the overlay speak, each named in itself for the switcher. */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
  { code: 'de', name: 'Deutsch' },
  { code: 'fr', name: 'Français' },
  { code: 'it', name: 'Italiano' },
  { code: 'pt', name: 'Português' },
  { code: 'ru', name: 'Русский' },
  { code: 'ja', name: '日本語' }
] as const;



/** Where a caller's choice is kept, so the page opens in it next time. */
export const LANGUAGE_STORAGE_KEY = 'pileup-buster.language';
