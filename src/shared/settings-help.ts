/**
 * The settings table as people read it: `--help` and the README's configuration table.
 */
import { SETTINGS, SETTING_NAMES, type SettingSpec } from './settings.js';

/** What a setting's default reads as in help: its text, or the value. */
export function defaultText(spec: SettingSpec): string {
  if (spec.defaultText) return spec.defaultText;
  if (typeof spec.default === 'boolean') return spec.default ? 'on' : 'off';
  return `\`${String(spec.default)}\``;
}

/** The rows of the configuration table (`--help`, README), in the table's order; names in backticks. */
export function configurationRows(): Array<{ flag: string | null; env: string; default: string; help: string }> {
  return SETTING_NAMES.map((name) => {
    const spec: SettingSpec = SETTINGS[name];
    const env = spec.env.length > 1 ? `\`${spec.env[0]}\` (or ${spec.env.slice(1).map((v) => `\`${v}\``).join(', ')})` : `\`${spec.env[0]}\``;
    const consoleNote = spec.console && spec.label ? ` Also in the console’s settings${spec.applies === 'next start' ? ', from the next start' : ''}.` : '';
    return { flag: spec.flag ? `\`--${spec.flag}\`` : null, env, default: defaultText(spec), help: `${spec.help}${consoleNote}` };
  });
}

/** The README's configuration table. */
export function configurationMarkdown(): string {
  return [
    '| Flag | Environment | Default | Meaning |',
    '|---|---|---|---|',
    ...configurationRows().map((row) => `| ${row.flag ?? ''} | ${row.env} | ${row.default} | ${row.help} |`)
  ].join('\n');
}
