import { describe, expect, it } from 'vitest';
import { LogIndex } from '../../src/main/server/pileup/log-index.js';
import { loggedRecord, resumedQso } from '../../src/main/server/pileup/qso-record.js';
import type { CurrentQso } from '../../src/shared/protocol/entities.js';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 8, minute)).toISOString();
let n = 0;
const qso = (callsign: string, minute: number, band = '20m', mode = 'SSB') => ({ id: `q${++n}`, callsign, band, mode, started_at: at(minute), completed_at: at(minute) });

describe('LogIndex', () => {
  it('marks every QSO after the first with the same callsign, band and mode as a dupe', () => {
    const first = qso('W1AW', 0);
    const other = qso('W1AW', 1, '40m');
    const repeat = qso('W1AW', 2);
    const index = LogIndex.from([repeat, first, other]); // any order: the earliest start is the original
    expect([index.isDupe(first), index.isDupe(other), index.isDupe(repeat)]).toEqual([false, false, true]);
    expect(index.stats().dupes).toBe(1);
    expect(index.workedBefore('W1AW', '20m', 'SSB')).toBe(true);
    expect(index.workedBefore('W1AW', '20m', 'CW')).toBe(false);
    expect(index.lastWorkedAt('W1AW')).toBe(at(2));
  });

  it('counts the rate over the last ten QSOs as intervals, not QSOs: ten a minute apart are 60 an hour', () => {
    const index = new LogIndex();
    expect(index.stats(Date.parse(at(0))).rate_last_10).toBeNull();
    for (let minute = 0; minute < 30; minute += 2) index.add(qso(`K${minute}AA`, minute)); // one every 2 minutes, then
    for (let minute = 30; minute < 40; minute++) index.add(qso(`W${minute}AA`, minute)); // ten a minute apart
    const stats = index.stats(Date.parse(at(40)));
    expect(stats.rate_last_10).toBe(60);
    expect(stats.last_hour).toBe(25);
    expect(index.countSince(at(30))).toBe(10);
  });

  it('lists logged callsigns for a partial: exact, then starting with it, then containing it', () => {
    const index = LogIndex.from([qso('XDL1AB', 0), qso('DL1ABC', 1), qso('DL1AB', 2), qso('DL1ABC', 3, '40m', 'CW'), qso('G4ABC', 4)]);
    expect(index.matching('DL1AB', 10).map((h) => h.callsign)).toEqual(['DL1AB', 'DL1ABC', 'XDL1AB']);
    expect(index.history('DL1ABC')).toEqual({ callsign: 'DL1ABC', qsos: 2, last_worked_at: at(3), worked_on: [{ band: '40m', mode: 'CW' }, { band: '20m', mode: 'SSB' }] });
    expect(index.matching('', 10)).toEqual([]);
  });

  it('gives totals by band and mode, most first', () => {
    const index = LogIndex.from([qso('A1A', 0, '40m', 'CW'), qso('B1B', 1), qso('C1C', 2), qso('D1D', 3, '40m', 'CW'), qso('E1E', 4, '15m', 'FT8')]);
    expect(index.stats().by_band_mode).toEqual([
      { band: '20m', mode: 'SSB', count: 2 },
      { band: '40m', mode: 'CW', count: 2 },
      { band: '15m', mode: 'FT8', count: 1 }
    ]);
  });
});

describe('the logged record of a QSO', () => {
  const current: CurrentQso = {
    id: 'x1',
    callsign: 'DL1ABC',
    timestamp: at(0),
    started_by: 'admin',
    registered_at: null,
    qrz: { callsign: 'DL1ABC', name: 'Anna Becker', qth: 'Hamburg', country: 'Germany', grid: 'JO43xm', image: null },
    source: 'air',
    rst_sent: null,
    rst_rcvd: '57',
    name: null,
    notes: 'QSB',
    exchange: '14'
  };
  const end = {
    completedAt: at(1),
    completedBy: 'admin',
    frequency: { frequency: '14.195', frequency_hz: 14_195_000, band: '20m', mode: 'USB', last_updated: at(0) },
    split: { split: null, last_updated: null },
    station: { stationCallsign: 'VP2EPB', operatorCallsign: null, myGrid: 'FK88LF' },
    country: null
  };

  it('takes what was typed, and the mode default where nothing was', () => {
    expect(loggedRecord(current, end)).toMatchObject({ rst_sent: '59', rst_rcvd: '57', name: 'Anna Becker', notes: 'QSB', exchange: '14', source: 'air', mode: 'SSB', submode: 'USB', operator: 'VP2EPB' });
    expect(loggedRecord({ ...current, name: 'Anna' }, end).name).toBe('Anna');
  });

  it('comes back in progress as it was typed (undo), so logging it again gives the same record', () => {
    const logged = loggedRecord(current, end);
    const resumed = resumedQso(logged, { country: null, distance_km: null, bearing_deg: null });
    expect(resumed).toMatchObject({ id: 'x1', timestamp: at(0), rst_sent: null, rst_rcvd: '57', name: null, notes: 'QSB', exchange: '14', source: 'air' });
    expect(loggedRecord(resumed, end)).toEqual(logged);
  });
});
