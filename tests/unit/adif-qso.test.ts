/** ADIF records from real loggers as QSOs of this log: what is kept, normalised, and refused. */
import { describe, expect, it } from 'vitest';
import { qsoFromAdif } from '../../src/main/server/log/adif-qso.js';
import { splitKnown } from '../../src/main/server/log/import-matching.js';

const NOW = Date.parse('2026-12-02T12:00:00Z');
const record = (fields: Record<string, string>, line = 7) => ({ fields: new Map(Object.entries(fields)), line });
const qso = (fields: Record<string, string>) => {
  const verdict = qsoFromAdif(record({ call: 'W1AW', qso_date: '20261201', time_on: '0802', ...fields }), 'admin', NOW);
  if (!verdict.ok) throw new Error(verdict.reason);
  return verdict.qso;
};
const reason = (fields: Record<string, string>) => {
  const verdict = qsoFromAdif(record({ call: 'W1AW', qso_date: '20261201', time_on: '0802', ...fields }), 'admin', NOW);
  return verdict.ok ? null : verdict.reason;
};

describe('ADIF record to QSO', () => {
  it('writes modes as this log does, so worked-before and dupes match live QSOs', () => {
    expect([qso({ mode: 'USB' }).mode, qso({ mode: 'USB' }).submode]).toEqual(['SSB', 'USB']);
    expect([qso({ mode: 'FT4' }).mode, qso({ mode: 'FT4' }).submode]).toEqual(['MFSK', 'FT4']);
    expect([qso({ mode: 'mfsk', submode: 'ft4' }).mode, qso({ mode: 'mfsk', submode: 'ft4' }).submode]).toEqual(['MFSK', 'FT4']);
    expect(qso({ mode: 'CW' }).mode).toBe('CW');
  });

  it('takes a band from the band table or else from FREQ, and keeps a QSO whose FREQ cannot be read when BAND says where', () => {
    expect(qso({ band: '20M' }).band).toBe('20m');
    expect(qso({ band: 'nonsense', freq: '7.010' }).band).toBe('40m');
    expect(qso({ band: '40m', freq: '14,074' })).toMatchObject({ band: '40m', frequency_hz: null });
    expect(reason({ freq: '14,074' })).toBe('FREQ "14,074" is not a frequency in MHz, and there is no BAND');
  });

  it('ends a QSO that crosses midnight on the next day', () => {
    expect(qso({ qso_date: '20261130', time_on: '2359', time_off: '0002' }).completed_at).toBe('2026-12-01T00:02:00.000Z');
  });

  it('refuses dates that cannot be a QSO: before 1930, in the future, not a date', () => {
    expect(reason({ qso_date: '19291231' })).toBe('QSO_DATE 1929-12-31 is before 1930');
    expect(reason({ qso_date: '20261202', time_on: '1400' })).toMatch(/in the future/);
    expect(reason({ qso_date: '20260230' })).toMatch(/not a UTC date and time/);
  });

  it('keeps text within the limits the console enforces', () => {
    const long = qso({ comment: 'x'.repeat(900_000), name: 'y'.repeat(300), srx_string: 'z'.repeat(100) });
    expect([long.notes?.length, long.name?.length, long.exchange?.length]).toEqual([500, 100, 60]);
  });
});

describe('QSOs the log has already', () => {
  it('the same call, band and mode started within two minutes is the same QSO, whatever its id or seconds', () => {
    const live = { id: 'live-uuid', callsign: 'W1AW', band: '20m', mode: 'SSB', started_at: '2026-12-01T08:02:31.457Z' };
    const fromLogger = qso({ band: '20m', mode: 'USB', time_on: '0802' });
    const anotherBand = qso({ band: '40m', mode: 'USB', time_on: '0803' });
    const later = qso({ band: '20m', mode: 'USB', time_on: '0830' });
    const { fresh, known } = splitKnown([live], [fromLogger, anotherBand, later, { ...later, id: 'again-in-the-file', started_at: '2026-12-01T08:30:40.000Z' }]);
    expect(fresh.map((q) => [q.band, q.started_at])).toEqual([
      ['40m', '2026-12-01T08:03:00.000Z'],
      ['20m', '2026-12-01T08:30:00.000Z']
    ]);
    expect(known).toBe(2);
  });
});
