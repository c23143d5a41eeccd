/**
 * The console's settings form, apart from how it looks: the text each field starts with, and the
 * changes to send when the operator saves (only what changed; a blank password keeps the current
 * one and a typed one is sent exactly as typed). Labels, hints, ranges and rules come from the
 * settings table.
 */
import type { SettingsChanges, SettingsView } from '../../../shared/protocol/entities';
import { CONSOLE_SETTINGS, SETTINGS, USUAL_RIGCTLD_ADDRESS, USUAL_UDP_LOG_TARGET, type SettingSpec } from '../../../shared/settings';

/** The form's fields as typed, by stored key (plus the switches of SWITCHED_ADDRESSES). */
export type Draft = Record<string, string>;

/** Settings that are an address behind an on/off switch: switching on fills in the usual one. */
export const SWITCHED_ADDRESSES = [
  { key: 'rigctld', switch: 'rig_follow', usual: USUAL_RIGCTLD_ADDRESS, addressLabel: 'rigctld address' },
  { key: 'udp_log', switch: 'udp_log_on', usual: USUAL_UDP_LOG_TARGET, addressLabel: 'Logger addresses (HOST:PORT, separated by commas)' }
] as const;
const SWITCHED_KEYS = new Set<string>(SWITCHED_ADDRESSES.map((a) => a.key));

/** The form's text for each setting the console may change: secrets start blank ("keep"). */
export function draftFrom(view: SettingsView): Draft {
  const values = view.values as Record<string, unknown>;
  const draft: Draft = {};
  for (const name of CONSOLE_SETTINGS) {
    const spec: SettingSpec = SETTINGS[name];
    const value = spec.secret ? null : values[spec.stored!];
    draft[spec.stored!] = typeof value === 'boolean' ? (value ? 'on' : 'off') : value === null || value === undefined ? '' : String(value);
  }
  for (const address of SWITCHED_ADDRESSES) {
    const value = values[address.key];
    draft[address.switch] = value ? 'on' : 'off';
    draft[address.key] = typeof value === 'string' && value ? value : address.usual;
  }
  return draft;
}

/** The table's entry for a stored key. */
export function specOf(key: string): SettingSpec {
  return SETTINGS[CONSOLE_SETTINGS.find((name) => SETTINGS[name].stored === key)!];
}

/** What the form shows, by fieldset; labels and hints come from the settings table. */
export const FORM = {
  pileup: ['max_queue_size', 'cooldown_minutes', 'min_qso_seconds', 'drop_absent_minutes', 'websocket_max_connections'],
  station: ['station_callsign', 'operator', 'my_grid'],
  network: ['port', 'status_port']
} as const;
export const SHOWN = new Set<string>([...FORM.pileup, ...FORM.station, ...FORM.network, 'rigctld', 'udp_log', 'admin_password', 'qrz_username', 'qrz_password', 'discovery']);

/** Reads one field as its setting's schema says; a string is the problem to show. */
function readField(spec: SettingSpec, text: string): { value: unknown } | string {
  const name = spec.label ?? spec.stored!;
  if (spec.textForm === 'integer') {
    const { minValue, maxValue } = spec.schema as unknown as { minValue: number; maxValue: number };
    const n = Number(text);
    return /^\d+$/.test(text) && spec.schema.safeParse(n).success ? { value: n } : `${name} must be a whole number from ${minValue} to ${maxValue}`;
  }
  if (spec.textForm === 'on-off') return { value: text === 'on' };
  if (text === '') return { value: null };
  const parsed = (spec.changeSchema ?? spec.schema).safeParse(text);
  return parsed.success ? { value: parsed.data } : `${name}: ${parsed.error.issues[0]?.message ?? 'not accepted'}`;
}

/** Only what the operator changed is sent; blank secret fields mean "keep the current one". */
export function changesFrom(draft: Draft, view: SettingsView, shown: ReadonlySet<string>): SettingsChanges | string {
  const changes: Record<string, unknown> = {};
  const before = draftFrom(view);
  for (const name of CONSOLE_SETTINGS) {
    const spec: SettingSpec = SETTINGS[name];
    const key = spec.stored!;
    if (!shown.has(key) || SWITCHED_KEYS.has(key)) continue;
    // Passwords are taken exactly as typed; blank means keep the current one.
    const text = spec.secret ? (draft[key] ?? '') : (draft[key] ?? '').trim();
    if (spec.secret ? text === '' : text === before[key]) continue;
    const read = readField(spec, text);
    if (typeof read === 'string') return read;
    changes[key] = read.value;
  }
  const values = view.values as Record<string, unknown>;
  for (const address of SWITCHED_ADDRESSES) {
    if (!shown.has(address.key)) continue;
    const value = draft[address.switch] === 'on' ? (draft[address.key] ?? '').trim() || address.usual : null;
    if (value !== (values[address.key] ?? null)) changes[address.key] = value;
  }
  return changes as SettingsChanges;
}
