/**
 * Amateur bands as the ADIF specification enumerates them (ADIF 3.1.x "Band" enumeration,
 * including 8m and 5m added in 3.1.4+). Edges are inclusive and held in whole Hz so that
 * comparisons never suffer from binary floating point (0.1357 MHz is exactly 135 700 Hz here).
 *
 * Browser-safe: no Node imports.
 */

export interface AdifBand {
  /** ADIF band name: '160m', '70cm', '1.25cm', 'submm' ... */
  readonly name: string;
  /** Lower edge in Hz, inclusive. */
  readonly lowerHz: number;
  /** Upper edge in Hz, inclusive. */
  readonly upperHz: number;
}

const MHZ = 1_000_000;

function band(name: string, lowerMHz: number, upperMHz: number): AdifBand {
  return { name, lowerHz: Math.round(lowerMHz * MHZ), upperHz: Math.round(upperMHz * MHZ) };
}

/** Every ADIF band, lowest first. */
export const ADIF_BANDS: readonly AdifBand[] = Object.freeze([
  band('2190m', 0.1357, 0.1378),
  band('630m', 0.472, 0.479),
  band('560m', 0.501, 0.504),
  band('160m', 1.8, 2.0),
  band('80m', 3.5, 4.0),
  band('60m', 5.06, 5.45),
  band('40m', 7.0, 7.3),
  band('30m', 10.1, 10.15),
  band('20m', 14.0, 14.35),
  band('17m', 18.068, 18.168),
  band('15m', 21.0, 21.45),
  band('12m', 24.89, 24.99),
  band('10m', 28.0, 29.7),
  band('8m', 40, 45),
  band('6m', 50, 54),
  // ADIF starts 5m one Hz above 6m's upper edge so the two never overlap.
  band('5m', 54.000001, 69.9),
  band('4m', 70, 71),
  band('2m', 144, 148),
  band('1.25m', 222, 225),
  band('70cm', 420, 450),
  band('33cm', 902, 928),
  band('23cm', 1240, 1300),
  band('13cm', 2300, 2450),
  band('9cm', 3300, 3500),
  band('6cm', 5650, 5925),
  band('3cm', 10000, 10500),
  band('1.25cm', 24000, 24250),
  band('6mm', 47000, 47200),
  band('4mm', 75500, 81000),
  band('2.5mm', 119980, 123000),
  band('2mm', 134000, 149000),
  band('1mm', 241000, 250000),
  band('submm', 300000, 7500000)
]);

/** The ADIF band containing `hz` (edges inclusive), or null outside every amateur band. */
export function bandOf(hz: number): string | null {
  if (!Number.isFinite(hz)) return null;
  const rounded = Math.round(hz);
  for (const b of ADIF_BANDS) {
    if (rounded >= b.lowerHz && rounded <= b.upperHz) return b.name;
  }
  return null;
}

/** The band record for an ADIF band name (case-insensitive: '20M' works), or null. */
export function bandByName(name: string): AdifBand | null {
  const wanted = name.trim().toLowerCase();
  return ADIF_BANDS.find((b) => b.name === wanted) ?? null;
}
