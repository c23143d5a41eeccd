/**
 * Modes: their class (phone / CW / digital), the default signal report, and the ADIF MODE and
 * SUBMODE a rig's mode name is logged as.
 *
 * `adifMode(name)` accepts three kinds of name, in any case, with '-', '_' and spaces ignored:
 * - ADIF 3.1 MODE names (SSB, CW, FT8, RTTY, PSK, MFSK, DIGITALVOICE, ...) → that mode;
 * - ADIF 3.1 SUBMODE names → their MODE plus the submode (USB → SSB/USB, FT4 → MFSK/FT4,
 *   PSK31 → PSK/PSK31, JS8 → MFSK/JS8, DSTAR → DIGITALVOICE/DSTAR, JT65A → JT65/JT65A, ...);
 * - rig mode names from Hamlib, flrig and CAT protocols:
 *   USB/LSB and ECSSUSB/ECSSLSB → SSB with submode USB/LSB; CWR/CWN/CW-R → CW;
 *   RTTYR/FSK/FSK-R → RTTY (Kenwood calls its RTTY mode FSK); AMS/SAM/SAL/SAH/AMN/DSB → AM;
 *   FMN/WFM/NFM → FM; D-STAR/DV → DIGITALVOICE/DSTAR; C4FM, DMR → DIGITALVOICE/…;
 *   PSKR → PSK.
 * The rig's data modes (PKTUSB, PKTLSB, PKTFM, PKTAM, DIGU, DIGL, DATA-U, DATA-L, DATA-FM, USB-D,
 * LSB-D, FM-D, USB-D1…) only say that a sound card mode runs, not which one, so ADIF has no mode
 * for them: `adifMode` maps them through `options.dataMode` (the digital mode the station runs,
 * e.g. 'FT8' → FT8, 'FT4' → MFSK/FT4) and returns null without it. ADIF's own PKT means AX.25
 * packet and is only used when asked for by name.
 *
 * Classes: SSB, AM, FM and digital voice are phone (report 59); CW is cw (599); every other known
 * mode, rig data modes included, is digital (599). An unrecognized or empty mode counts as phone,
 * the usual pileup.
 *
 * Browser-safe: no Node imports.
 */

export type ModeClass = 'phone' | 'cw' | 'digital';

export interface AdifModeMapping {
  /** ADIF MODE enumeration value, e.g. 'SSB', 'CW', 'FT8', 'MFSK'. */
  mode: string;
  /** ADIF SUBMODE enumeration value, or null when the mode needs none (e.g. 'USB', 'FT4'). */
  submode: string | null;
}

/** ADIF 3.1 MODE enumeration (current, non import-only values). */
export const ADIF_MODES: readonly string[] = Object.freeze([
  'AM', 'ARDOP', 'ATV', 'CHIP', 'CLO', 'CONTESTI', 'CW', 'DIGITALVOICE', 'DOMINO', 'DYNAMIC', 'FAX',
  'FM', 'FSK441', 'FT8', 'HELL', 'ISCAT', 'JT4', 'JT6M', 'JT9', 'JT44', 'JT65', 'MFSK', 'MSK144', 'MT63',
  'OLIVIA', 'OPERA', 'PAC', 'PAX', 'PKT', 'PSK', 'PSK2K', 'Q15', 'QRA64', 'ROS', 'RTTY', 'RTTYM', 'SSB',
  'SSTV', 'T10', 'THOR', 'THRB', 'TOR', 'V4', 'VOI', 'WINMOR', 'WSPR'
]);

/** ADIF 3.1 SUBMODE enumeration, by MODE. */
const ADIF_SUBMODES: Record<string, readonly string[]> = {
  SSB: ['USB', 'LSB'],
  CW: ['PCW'],
  RTTY: ['ASCI'],
  DIGITALVOICE: ['C4FM', 'DMR', 'DSTAR', 'FREEDV', 'M17'],
  MFSK: [
    'FT4', 'JS8', 'Q65', 'FST4', 'FST4W', 'FSQCALL', 'JTMS', 'MFSK4', 'MFSK8', 'MFSK11', 'MFSK16',
    'MFSK22', 'MFSK31', 'MFSK32', 'MFSK64', 'MFSK64L', 'MFSK128', 'MFSK128L'
  ],
  PSK: [
    '8PSK125', '8PSK125F', '8PSK125FL', '8PSK250', '8PSK250F', '8PSK250FL', '8PSK500', '8PSK500F',
    '8PSK1000', '8PSK1000F', '8PSK1200F', 'FSK31', 'PSK10', 'PSK31', 'PSK63', 'PSK63F', 'PSK63RC4',
    'PSK63RC5', 'PSK63RC10', 'PSK63RC20', 'PSK63RC32', 'PSK125', 'PSK125C12', 'PSK125R', 'PSK125RC10',
    'PSK125RC12', 'PSK125RC16', 'PSK125RC4', 'PSK125RC5', 'PSK250', 'PSK250C6', 'PSK250R', 'PSK250RC2',
    'PSK250RC3', 'PSK250RC5', 'PSK250RC6', 'PSK250RC7', 'PSK500', 'PSK500C2', 'PSK500C4', 'PSK500R',
    'PSK500RC2', 'PSK500RC3', 'PSK500RC4', 'PSK800C2', 'PSK800RC2', 'PSK1000', 'PSK1000C2', 'PSK1000R',
    'PSK1000RC2', 'PSKAM10', 'PSKAM31', 'PSKAM50', 'PSKFEC31', 'QPSK31', 'QPSK63', 'QPSK125', 'QPSK250',
    'QPSK500', 'SIM31'
  ],
  JT4: ['JT4A', 'JT4B', 'JT4C', 'JT4D', 'JT4E', 'JT4F', 'JT4G'],
  JT9: ['JT9-1', 'JT9-2', 'JT9-5', 'JT9-10', 'JT9-30', 'JT9A', 'JT9B', 'JT9C', 'JT9D', 'JT9E', 'JT9F', 'JT9G', 'JT9H'],
  JT65: ['JT65A', 'JT65B', 'JT65B2', 'JT65C', 'JT65C2'],
  QRA64: ['QRA64A', 'QRA64B', 'QRA64C', 'QRA64D', 'QRA64E'],
  ISCAT: ['ISCAT-A', 'ISCAT-B'],
  OLIVIA: ['OLIVIA 4/125', 'OLIVIA 4/250', 'OLIVIA 8/250', 'OLIVIA 8/500', 'OLIVIA 16/500', 'OLIVIA 16/1000', 'OLIVIA 32/1000'],
  HELL: ['FMHELL', 'FSKH105', 'FSKH245', 'FSKHELL', 'HELL80', 'HELLX5', 'HELLX9', 'HFSK', 'PSKHELL', 'SLOWHELL'],
  DOMINO: ['DOM-M', 'DOM4', 'DOM5', 'DOM8', 'DOM11', 'DOM16', 'DOM22', 'DOM44', 'DOM88', 'DOMINOEX', 'DOMINOF'],
  THOR: ['THOR-M', 'THOR4', 'THOR5', 'THOR8', 'THOR11', 'THOR16', 'THOR22', 'THOR25X4', 'THOR50X1', 'THOR50X2', 'THOR100'],
  THRB: ['THRBX', 'THRBX1', 'THRBX2', 'THRBX4', 'THROB1', 'THROB2', 'THROB4'],
  ROS: ['ROS-EME', 'ROS-HF', 'ROS-MF'],
  TOR: ['AMTORFEC', 'GTOR', 'NAVTEX', 'SITORB'],
  PAC: ['PAC2', 'PAC3', 'PAC4'],
  PAX: ['PAX2'],
  CHIP: ['CHIP64', 'CHIP128'],
  OPERA: ['OPERA-BEACON', 'OPERA-QSO'],
  DYNAMIC: ['VARA HF', 'VARA SATELLITE', 'VARA FM 1200', 'VARA FM 9600']
};

/** Rig / CAT / common names that are not ADIF names themselves. */
const RIG_ALIASES: Record<string, AdifModeMapping> = {
  ECSSUSB: { mode: 'SSB', submode: 'USB' },
  ECSSLSB: { mode: 'SSB', submode: 'LSB' },
  CWR: { mode: 'CW', submode: null },
  CWN: { mode: 'CW', submode: null },
  CWU: { mode: 'CW', submode: null },
  CWL: { mode: 'CW', submode: null },
  RTTYR: { mode: 'RTTY', submode: null },
  RTTYU: { mode: 'RTTY', submode: null },
  RTTYL: { mode: 'RTTY', submode: null },
  FSK: { mode: 'RTTY', submode: null },
  FSKR: { mode: 'RTTY', submode: null },
  AMS: { mode: 'AM', submode: null },
  AMN: { mode: 'AM', submode: null },
  SAM: { mode: 'AM', submode: null },
  SAL: { mode: 'AM', submode: null },
  SAH: { mode: 'AM', submode: null },
  DSB: { mode: 'AM', submode: null },
  FMN: { mode: 'FM', submode: null },
  NFM: { mode: 'FM', submode: null },
  WFM: { mode: 'FM', submode: null },
  DV: { mode: 'DIGITALVOICE', submode: 'DSTAR' },
  PSKR: { mode: 'PSK', submode: null },
  BPSK31: { mode: 'PSK', submode: 'PSK31' },
  BPSK63: { mode: 'PSK', submode: 'PSK63' },
  BPSK125: { mode: 'PSK', submode: 'PSK125' }
};

/** Rig data modes: a sound-card mode runs, but the rig does not know which. */
const RIG_DATA_MODES = new Set(
  [
    'PKTUSB', 'PKTLSB', 'PKTFM', 'PKTFMN', 'PKTAM', 'DIGU', 'DIGL', 'DATAU', 'DATAL', 'DATAFM', 'DATAAM',
    'USBD', 'LSBD', 'FMD', 'AMD', 'USBD1', 'USBD2', 'USBD3', 'LSBD1', 'LSBD2', 'LSBD3', 'FMD1', 'FMD2',
    'FMD3', 'DATA', 'DIGI'
  ].map((name) => compact(name))
);

/** Cabrillo / contest-style class names. */
const CLASS_NAMES: Record<string, ModeClass> = { PH: 'phone', PHONE: 'phone', DG: 'digital', RY: 'digital' };

const PHONE_MODES = new Set(['SSB', 'AM', 'FM', 'DIGITALVOICE']);

function compact(name: string): string {
  return name.toUpperCase().replace(/[\s_-]+/g, '');
}

const LOOKUP = new Map<string, AdifModeMapping>();
for (const mode of ADIF_MODES) LOOKUP.set(compact(mode), { mode, submode: null });
for (const [mode, submodes] of Object.entries(ADIF_SUBMODES)) {
  for (const submode of submodes) {
    const key = compact(submode);
    if (!LOOKUP.has(key)) LOOKUP.set(key, { mode, submode });
  }
}
for (const [name, mapping] of Object.entries(RIG_ALIASES)) LOOKUP.set(compact(name), mapping);

/** True for a rig's data mode (PKTUSB, DIGU, DATA-U, USB-D ...), which says no ADIF mode itself. */
export function isRigDataMode(mode: string): boolean {
  return typeof mode === 'string' && RIG_DATA_MODES.has(compact(mode));
}

/**
 * ADIF MODE (+ SUBMODE) for a rig, Hamlib or ADIF mode name; null for an unknown name, and for a
 * rig data mode unless `options.dataMode` names the digital mode actually in use.
 */
export function adifMode(mode: string, options: { dataMode?: string | null } = {}): AdifModeMapping | null {
  if (typeof mode !== 'string') return null;
  const key = compact(mode.trim());
  if (key === '') return null;
  if (RIG_DATA_MODES.has(key)) {
    const dataMode = options.dataMode;
    if (typeof dataMode !== 'string' || isRigDataMode(dataMode)) return null;
    return adifMode(dataMode);
  }
  const found = LOOKUP.get(key);
  return found ? { ...found } : null;
}

/** Phone, CW or digital; unknown and empty names count as phone. */
export function modeClass(mode: string): ModeClass {
  if (typeof mode !== 'string') return 'phone';
  const key = compact(mode.trim());
  const named = CLASS_NAMES[key];
  if (named) return named;
  if (RIG_DATA_MODES.has(key)) return 'digital';
  const mapping = LOOKUP.get(key);
  if (!mapping) return 'phone';
  if (mapping.mode === 'CW') return 'cw';
  return PHONE_MODES.has(mapping.mode) ? 'phone' : 'digital';
}

/** The report a QSO starts with: '59' on phone, '599' on CW and digital modes. */
export function defaultRst(mode: string): '59' | '599' {
  return modeClass(mode) === 'phone' ? '59' : '599';
}

/**
 * A signal report as operators log it: RS or RST (59, 599, 579K with a CW suffix) or a digital
 * mode's signal-to-noise report in dB with its sign (-12, +05), as WSJT-X sends them.
 */
export const REPORT_PATTERN = /^(?:[1-5][1-9][1-9]?[A-Z]?|[+-]\d{1,2})$/;
export const REPORT_HINT = 'a report is RS or RST (59, 599) or a dB report with its sign (-12, +05)';
