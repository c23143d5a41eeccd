/**
 * How a stream overlay looks, from its URL, so each OBS browser source can differ:
 *
 *   rows=5        stations of the queue shown after the QSO in progress (0 to 15)
 *   size=m        s, m, l, or a scale from 0.5 to 3
 *   theme=dark    dark or light panels
 *   side=right    which edge of the video the panel sits on
 *   qr=1          0 hides the QR code to join
 *   map=0         1 shows the map of the pileup, centred on the station's grid
 *   join=URL      the page the QR code opens (by default the server's LAN address)
 *   lang=de       the language (by default the browser's)
 *
 * Anything missing or not understood falls back to its default: a typo must never blank a live stream.
 */
export interface OverlayOptions {
  rows: number;
  scale: number;
  theme: 'dark' | 'light';
  side: 'left' | 'right';
  qr: boolean;
  map: boolean;
  join: string | null;
}

export const OVERLAY_DEFAULTS: OverlayOptions = { rows: 5, scale: 1, theme: 'dark', side: 'right', qr: true, map: false, join: null };

const SIZES: Record<string, number> = { s: 0.75, m: 1, l: 1.5 };

export function overlayOptions(search: string): OverlayOptions {
  const params = new URLSearchParams(search);
  const rowsText = params.get('rows');
  const rows = rowsText !== null && /^\d+$/.test(rowsText) ? Math.min(15, Number(rowsText)) : OVERLAY_DEFAULTS.rows;
  const sizeText = params.get('size')?.toLowerCase() ?? '';
  const sizeNumber = Number(sizeText);
  const scale = SIZES[sizeText] ?? (sizeText !== '' && Number.isFinite(sizeNumber) ? Math.min(3, Math.max(0.5, sizeNumber)) : OVERLAY_DEFAULTS.scale);
  const theme = params.get('theme') === 'light' ? 'light' : 'dark';
  const side = params.get('side') === 'left' ? 'left' : 'right';
  const qr = !['0', 'off', 'false', 'no'].includes(params.get('qr')?.toLowerCase() ?? '');
  const map = ['1', 'on', 'true', 'yes'].includes(params.get('map')?.toLowerCase() ?? '');
  const join = params.get('join');
  return { rows, scale, theme, side, qr, map, join: join && /^https?:\/\//i.test(join) ? join : null };
}
