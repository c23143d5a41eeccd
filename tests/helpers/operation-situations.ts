/**
 * For every operation of the table, situations in which it succeeds and changes what it can: a
 * server brought to that state (`arrange`) and the operation's parameters (`data`). The event
 * check calls them over WebSocket, the HTTP sweep at their routes. A new operation without
 * situations here fails both.
 */
import { expect } from 'vitest';
import type { OperationName } from '../../src/shared/protocol/operations.js';
import type { PileupClient } from '../../src/shared/client/pileup-client.js';
import { RigctldClient } from '../../src/main/server/integrations/rigctld.js';
import { startHarness, type Harness } from './pileup-harness.js';
import { startRigctld, type RigctldProcess } from './rigctld-process.js';

export interface World {
  h: Harness;
  /** Stations registered while arranging, with the leave token and the connection of each. */
  joined: Array<{ token: string; client: PileupClient }>;
  admin: PileupClient;
  /** Hamlib's real rigctld with the dummy radio, when the situation asks for one. */
  rig: RigctldProcess | null;
  /** Registers callsigns from their own connections; returns each one's leave token and client. */
  register(...callsigns: string[]): Promise<Array<{ token: string; client: PileupClient }>>;
}

export interface Situation {
  name: string;
  /** Brings the server to the situation (its events are not counted). */
  arrange?: (w: World) => Promise<unknown>;
  /** The operation's parameters; none when left out. */
  data?: (w: World) => object | Promise<object>;
  env?: NodeJS.ProcessEnv;
  /** Start the server following a real rigctld (dummy radio). */
  rig?: true;
}

const onAir = (w: World) => w.admin.request('admin.set_system_status', { active: true });
const request = (w: World, operation: string, data: object = {}) => (w.admin.request as (op: string, data: object) => Promise<unknown>)(operation, data);
const currentId = async (w: World) => (await w.admin.request('public.get_snapshot')).current_qso!.id;
const latestQsoId = async (w: World) => (await w.admin.request('admin.get_log', { limit: 1 })).qsos[0]!.id;
/** Works W1AW and logs it, so the log holds one QSO and nobody is in QSO. */
const oneLogged = async (w: World) => {
  await onAir(w);
  await w.register('W1AW');
  await request(w, 'admin.next_qso');
  await request(w, 'admin.complete_qso');
};
/** On 20 m SSB, W1AW is in the log and waiting in the queue again (no cooldown), so its worked-before marker shows. */
const loggedAndBackInQueue = async (w: World) => {
  await request(w, 'admin.set_frequency', { frequency: '14.195', mode: 'SSB' });
  await oneLogged(w);
  await w.register('W1AW');
};
const SMALL_ADIF = '<ADIF_VER:5>3.1.4 <EOH>\n<CALL:6>JA1XYZ <QSO_DATE:8>20261130 <TIME_ON:4>2359 <BAND:3>20m <MODE:3>SSB <EOR>\n';
const beginImport = async (w: World) => {
  (w as World & { importId?: string }).importId = ((await request(w, 'admin.import_log_begin', { filename: 'big.adi' })) as { import_id: string }).import_id;
};
const importIdOf = (w: World) => (w as World & { importId?: string }).importId!;
const read = (data: object = {}): Situation[] => [{ name: 'on a busy server', arrange: busy, data: () => data }];
/** A server with a queue, a QSO in progress and a log, for the operations that only read. */
const busy = async (w: World) => {
  await oneLogged(w);
  await w.register('K1ABC', 'G4ABC');
  await request(w, 'admin.next_qso');
};

const NO_COOLDOWN = { COOLDOWN_MINUTES: '0' };

export const SITUATIONS: Record<OperationName, Situation[]> = {
  'public.get_status': read(),
  'public.get_frequency': read(),
  'public.get_split': read(),
  'public.get_snapshot': read(),
  'queue.register': [{ name: 'on the air', arrange: onAir, data: () => ({ callsign: 'W1AW' }) }],
  'queue.leave': [
    {
      name: 'a waiting station leaves',
      arrange: async (w) => (await onAir(w), w.joined.push(...(await w.register('W1AW')))),
      data: (w) => ({ callsign: 'W1AW', token: w.joined[0]!.token })
    }
  ],
  'queue.here': [
    {
      name: 'a station that went away says it is here again',
      arrange: async (w) => {
        await onAir(w);
        w.joined.push(...(await w.register('W1AW')));
        await w.joined[0]!.client.close();
        await expect.poll(async () => (await w.admin.request('admin.get_queue')).queue[0]?.present).toBe(false);
      },
      data: (w) => ({ callsign: 'W1AW', token: w.joined[0]!.token })
    }
  ],
  'queue.list': read(),
  'queue.get_status': read({ callsign: 'G4ABC' }),
  'admin.get_queue': read(),
  'admin.clear_queue': [{ name: 'with stations waiting', arrange: async (w) => (await onAir(w), w.register('W1AW', 'K1ABC')) }],
  'admin.remove_callsign': [
    { name: 'a waiting station', arrange: async (w) => (await onAir(w), w.register('W1AW', 'K1ABC')), data: () => ({ callsign: 'K1ABC' }) }
  ],
  'admin.restore_callsign': [
    {
      name: 'a station removed a moment ago',
      arrange: async (w) => {
        await onAir(w);
        await w.register('W1AW', 'K1ABC');
        await request(w, 'admin.remove_callsign', { callsign: 'W1AW' });
      },
      data: () => ({ callsign: 'W1AW' })
    }
  ],
  'admin.next_qso': [
    {
      name: 'a QSO in progress and a station waiting',
      arrange: async (w) => (await onAir(w), await w.register('W1AW', 'K1ABC'), request(w, 'admin.next_qso')),

    }
  ],
  'admin.work_callsign': [
    {
      name: 'a QSO in progress, working the second in the queue',
      arrange: async (w) => (await onAir(w), await w.register('W1AW', 'K1ABC', 'G4ABC'), request(w, 'admin.next_qso')),
      data: () => ({ callsign: 'G4ABC' })
    }
  ],
  'admin.work_heard': [
    {
      name: 'a QSO in progress, a caller that is waiting in the queue',
      arrange: async (w) => (await onAir(w), await w.register('W1AW', 'K1ABC'), request(w, 'admin.next_qso')),
      data: () => ({ callsign: 'K1ABC' })
    },
    {
      name: 'nobody in QSO, a caller that never registered',
      arrange: onAir,
      data: () => ({ callsign: 'EA8XYZ' })
    }
  ],
  'admin.update_current_qso': [
    {
      name: 'a report typed during the QSO',
      arrange: async (w) => (await onAir(w), await w.register('W1AW'), request(w, 'admin.next_qso')),
      data: async (w) => ({ id: await currentId(w), rst_rcvd: '57' })
    }
  ],
  'admin.check_call': read({ partial: 'W1' }),
  'admin.cancel_qso': [
    {
      name: 'a QSO in progress goes back to the queue',
      arrange: async (w) => (await onAir(w), await w.register('W1AW'), request(w, 'admin.next_qso')),

    }
  ],
  'admin.set_registration_paused': [{ name: 'on the air', arrange: onAir, data: () => ({ paused: true }) }],
  'admin.ban_callsign': [{ name: 'a waiting station', arrange: async (w) => (await onAir(w), w.register('W1AW')), data: () => ({ callsign: 'W1AW' }) }],
  'admin.unban_callsign': [
    { name: 'a banned callsign', arrange: (w) => request(w, 'admin.ban_callsign', { callsign: 'W1AW' }), data: () => ({ callsign: 'W1AW' }) }
  ],
  'admin.list_bans': read(),
  'admin.complete_qso': [
    {
      name: 'a QSO in progress',
      arrange: async (w) => (await onAir(w), await w.register('W1AW', 'K1ABC'), request(w, 'admin.next_qso')),

    }
  ],
  'admin.undo_last_qso': [
    {
      name: 'nobody in QSO: the QSO is in progress again',
      arrange: oneLogged,

    },
    {
      name: 'another QSO in progress: the station goes back to the head of the queue',
      arrange: async (w) => (await onAir(w), await w.register('W1AW', 'K1ABC'), await request(w, 'admin.next_qso'), request(w, 'admin.next_qso')),

    }
  ],
  'admin.set_frequency': [
    { name: 'an empty queue', data: () => ({ frequency: '14.195', mode: 'SSB' }) },
    {
      name: 'a waiting station worked before, moving band',
      arrange: loggedAndBackInQueue,
      data: () => ({ frequency: '7.150' }),
      env: NO_COOLDOWN
    }
  ],
  'admin.set_mode': [
    { name: 'an empty queue', data: () => ({ mode: 'CW' }) },
    {
      name: 'a waiting station worked before, changing mode',
      arrange: loggedAndBackInQueue,
      data: () => ({ mode: 'CW' }),
      env: NO_COOLDOWN
    }
  ],
  'admin.set_rig_follow': [
    { name: 'switching following off', data: () => ({ follow: false }) },
    {
      name: 'switching it on again: the radio moved to 40 m LSB in split while a station worked on 20 m waits',
      rig: true,
      env: NO_COOLDOWN,
      arrange: async (w) => {
        await expect.poll(async () => (await w.admin.request('admin.get_system_status')).rig.state).toBe('connected');
        await request(w, 'admin.set_rig_follow', { follow: false });
        await loggedAndBackInQueue(w);
        const radio = await RigctldClient.connect({ host: w.rig!.host, port: w.rig!.port });
        try {
          await radio.setFrequency(7_100_000);
          await radio.command('M LSB 2400');
          await radio.command('S 1 VFOB');
          await radio.command('I 7105000');
        } finally {
          radio.close();
        }
        // The follower polls the radio every second, following or not.
        await new Promise((resolve) => setTimeout(resolve, 2500));
      },
      data: () => ({ follow: true })
    }
  ],
  'admin.delete_frequency': [
    { name: 'a frequency set', arrange: (w) => request(w, 'admin.set_frequency', { frequency: '14.195' }) },
    { name: 'a waiting station worked before on the band', arrange: loggedAndBackInQueue, env: NO_COOLDOWN }
  ],
  'admin.set_split': [{ name: 'no split yet', data: () => ({ split: 'up 5' }) }],
  'admin.delete_split': [{ name: 'a split set', arrange: (w) => request(w, 'admin.set_split', { split: 'up 5' }) }],
  'admin.set_system_status': [
    { name: 'going on the air', data: () => ({ active: true }) },
    {
      name: 'going off the air, logging the QSO in progress, stations waiting',
      arrange: async (w) => (await onAir(w), await w.register('W1AW', 'K1ABC'), request(w, 'admin.next_qso')),
      data: () => ({ active: false, log_current: true })
    }
  ],
  'admin.get_system_status': read(),
  'admin.get_log': read(),
  'admin.update_qso': [{ name: 'a logged QSO', arrange: oneLogged, data: async (w) => ({ id: await latestQsoId(w), notes: 'QSB' }) }],
  'admin.delete_qso': [
    { name: 'a logged QSO', arrange: oneLogged, data: async (w) => ({ id: await latestQsoId(w) }) },
    {
      name: 'a logged QSO whose station waits again',
      arrange: loggedAndBackInQueue,
      data: async (w) => ({ id: await latestQsoId(w) }),
      env: NO_COOLDOWN
    }
  ],
  'admin.restore_qso': [
    {
      name: 'a deleted QSO whose station waits again',
      arrange: async (w) => {
        await loggedAndBackInQueue(w);
        const { deleted } = (await request(w, 'admin.delete_qso', { id: await latestQsoId(w) })) as { deleted: unknown };
        (w as World & { deleted?: unknown }).deleted = deleted;
      },
      data: (w) => ({ qso: (w as World & { deleted?: unknown }).deleted! }),
      env: NO_COOLDOWN
    }
  ],
  'admin.export_log': read(),
  'admin.import_log': [{ name: 'a small ADIF file with one new QSO', data: () => ({ content: SMALL_ADIF, filename: 'small.adi' }) }],
  'admin.import_log_begin': [{ name: 'a file to send in pieces', data: () => ({ filename: 'big.adi' }) }],
  'admin.import_log_chunk': [{ name: 'a piece of an import in progress', arrange: beginImport, data: (w) => ({ import_id: importIdOf(w), data: SMALL_ADIF }) }],
  'admin.import_log_commit': [
    {
      name: 'an import whose pieces have all been sent',
      arrange: async (w) => {
        await beginImport(w);
        await request(w, 'admin.import_log_chunk', { import_id: importIdOf(w), data: SMALL_ADIF });
      },
      data: (w) => ({ import_id: importIdOf(w) })
    }
  ],
  'admin.import_log_cancel': [{ name: 'an import in progress', arrange: beginImport, data: (w) => ({ import_id: importIdOf(w) }) }],
  'admin.get_settings': read(),
  'admin.update_settings': [
    { name: 'a new queue size', data: () => ({ max_queue_size: 25 }) },
    { name: 'rig control switched on', data: () => ({ rigctld: '127.0.0.1:1' }) },
    { name: 'a new station callsign', data: () => ({ station_callsign: 'VP8PJ' }) }
  ],
  'system.ping': read(),
  'system.heartbeat': read(),
  'system.info': read()
};

/** A server (and, when asked, a real rigctld) in the situation, with an admin connection. */
export async function openWorld(situation: Situation): Promise<World & { close(): Promise<void> }> {
  const rig = situation.rig ? await startRigctld() : null;
  const h = await startHarness({ ...situation.env, ...(rig ? { RIGCTLD: `${rig.host}:${rig.port}` } : {}) });
  const admin = await h.connectAdmin();
  const w: World & { close(): Promise<void> } = {
    h,
    admin,
    rig,
    joined: [],
    async register(...callsigns) {
      const joined = [];
      for (const callsign of callsigns) {
        const client = await h.connect();
        const { leave_token } = await client.request('queue.register', { callsign });
        joined.push({ token: leave_token, client });
      }
      return joined;
    },
    async close() {
      await h.close();
      await rig?.close();
    }
  };
  await situation.arrange?.(w);
  return w;
}
