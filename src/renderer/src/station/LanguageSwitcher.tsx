import { useTranslation } from 'react-i18next';
import { chooseLanguage } from '../i18n';
import { LANGUAGES } from '../i18n/languages';

/** The caller's language, picked from a list where each language is named in itself. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      {/* Drawn, not an emoji: a phone or shack PC may have no emoji font. */}
      <svg className="globe" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.8">
        <circle cx="12" cy="12" r="9.5" />
        <path d="M2.5 12h19M12 2.5c2.6 2.8 3.9 6 3.9 9.5s-1.3 6.7-3.9 9.5c-2.6-2.8-3.9-6-3.9-9.5s1.3-6.7 3.9-9.5z" />
      </svg>
      <span className="visually-hidden">{t('language.label')}</span>
      <select value={i18n.resolvedLanguage ?? 'en'} onChange={(event) => chooseLanguage(event.target.value)} data-testid="language">
        {LANGUAGES.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.name}
          </option>
        ))}
      </select>
    </label>
  );
}
