/**
 * The settings as the protocol carries them (`admin.get_settings`, `admin.update_settings`),
 * derived from the settings table: what may be changed and how, and what is shown.
 */
import { z } from 'zod';
import { CONSOLE_SETTINGS, SETTINGS, storedKey, type ConsoleSetting, type SettingName, type SettingSpec, type StoredKeyOf } from '../settings.js';

type ChangeSchemaOf<K extends SettingName> = (typeof SETTINGS)[K] extends { changeSchema: infer C extends z.ZodType } ? C : (typeof SETTINGS)[K]['schema'];
type ChangesShape = { [K in ConsoleSetting as StoredKeyOf<K>]: z.ZodOptional<ChangeSchemaOf<K>> };

/** What `admin.update_settings` accepts: every console setting, optional; null clears an optional one. */
export const settingsChangesSchema = z.object(
  Object.fromEntries(
    CONSOLE_SETTINGS.map((name) => {
      const spec: SettingSpec = SETTINGS[name];
      return [spec.stored!, (spec.changeSchema ?? spec.schema).optional().describe(`${spec.help}${spec.applies === 'next start' ? ' Applies at the next start.' : ''}`)];
    })
  ) as ChangesShape
);
export type SettingsChanges = z.infer<typeof settingsChangesSchema>;
export type SettingsKey = keyof SettingsChanges;


/** A shown (not secret) console setting's value in the settings view. */
type ShownSetting = { [K in ConsoleSetting]: (typeof SETTINGS)[K] extends { secret: true } ? never : K }[ConsoleSetting];
type ViewShape = { [K in ShownSetting as StoredKeyOf<K>]: z.ZodType<z.output<(typeof SETTINGS)[K]['schema']>> };
export const SHOWN_SETTINGS = CONSOLE_SETTINGS.filter((name) => !(SETTINGS[name] as SettingSpec).secret) as ShownSetting[];

/** A value as the server reports it (the schemas above say what it accepts). */
function valueSchema(spec: SettingSpec): z.ZodType {
  if (spec.textForm === 'integer') return z.number().int();
  if (spec.textForm === 'on-off') return z.boolean();
  return spec.default === null ? z.string().nullable() : z.string();
}

/** The shown settings' values, as `admin.get_settings` returns them. */
export const settingValuesSchema = z.object(
  Object.fromEntries(SHOWN_SETTINGS.map((name) => [storedKey(name), valueSchema(SETTINGS[name]).describe(SETTINGS[name].help)])) as unknown as ViewShape
);
