/** Every language's messages, by language code (see locales/en.ts for what each says). */
import { de } from './locales/de';
import { en } from './locales/en';
import { es } from './locales/es';
import { fr } from './locales/fr';
import { it } from './locales/it';
import { ja } from './locales/ja';
import { pt } from './locales/pt';
import { ru } from './locales/ru';

export const MESSAGES = { en, es, de, fr, it, pt, ru, ja };
