/**
 * The operation table tells the truth about events: every operation is called over a real
 * WebSocket in situations that make it change what it can, and the events another client sees
 * must be among those its entry declares, and, over its situations, all of them. A new operation
 * without situations here fails the test, so the table cannot drift again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OPERATIONS, OPERATION_NAMES, type OperationName } from '../../src/shared/protocol/operations.js';
import type { PileupClient } from '../../src/shared/client/pileup-client.js';
import { RigctldClient } from '../../src/main/server/integrations/rigctld.js';
import { startHarness, type Harness } from '../helpers/pileup-harness.js';
import { itRequires } from '../helpers/requirements.js';
import { rigctldMissing, startRigctld, type RigctldProcess } from '../helpers/rigctld-process.js';

interface World {
  h: Harness;
  /** Stations registered while arranging, with the leave token and the connection of each. */
  joined: Array<{ token: string; client: PileupClient }>;
  admin: PileupClient;
  /** Hamlib's real rigctld with the dummy radio, when the situation asks for one. */
  rig: RigctldProcess | null;
  /** Registers callsigns from their own connections; returns each one's leave token and client. */
  register(...callsigns: string[]): Promise<Array<{ token: string; client: PileupClient }>>;
}

interface Situation {
  name: string;
  /** Brings the server to the situation; its events are not counted. */
  arrange?: (w: World) => Promise<unknown>;
  /** The call whose events are counted. */
  act: (w: World) => Promise<unknown>;
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
const read = (operation: OperationName, data: object = {}): Situation[] => [{ name: 'on a busy server', arrange: busy, act: (w) => request(w, operation, data) }];
/** A server with a queue, a QSO in progress and a log, for the operations that only read. */
const busy = async (w: World) => {
  await oneLogged(w);
  await w.register('K1ABC', 'G4ABC');
  await request(w, 'admin.next_qso');
};

const NO_COOLDOWN = { COOLDOWN_MINUTES: '0' };

const SITUATIONS: Record<OperationName, Situation[]> = {
  'public.get_status': read('public.get_status'),
  'public.get_frequency': read('public.get_frequency'),
  'public.get_split': read('public.get_split'),
  'public.get_snapshot': read('public.get_snapshot'),
  'queue.register': [{ name: 'on the air', arrange: onAir, act: (w) => w.register('W1AW') }],
  'queue.leave': [
    {
      name: 'a waiting station leaves',
      arrange: async (w) => (await onAir(w), w.joined.push(...(await w.register('W1AW')))),
      act: (w) => w.joined[0]!.client.request('queue.leave', { callsign: 'W1AW', token: w.joined[0]!.token })
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
      act: async (w) => (await w.h.connect()).request('queue.here', { callsign: 'W1AW', token: w.joined[0]!.token })
    }
  ],
  'queue.list': read('queue.list'),
  'queue.get_status': read('queue.get_status', { callsign: 'G4ABC' }),
  'admin.get_queue': read('admin.get_queue'),
  'admin.clear_queue': [{ name: 'with stations waiting', arrange: async (w) => (await onAir(w), w.register('W1AW', 'K1ABC')), act: (w) => request(w, 'admin.clear_queue') }],
  'admin.remove_callsign': [
    { name: 'a waiting station', arrange: async (w) => (await onAir(w), w.register('W1AW', 'K1ABC')), act: (w) => request(w, 'admin.remove_callsign', { callsign: 'K1ABC' }) }
  ],
  'admin.restore_callsign': [
    {
      name: 'a station removed a moment ago',
      arrange: async (w) => {
        await onAir(w);
        await w.register('W1AW', 'K1ABC');
        await request(w, 'admin.remove_callsign', { callsign: 'W1AW' });
      },
      act: (w) => request(w, 'admin.restore_callsign', { callsign: 'W1AW' })
    }
  ],
  'admin.next_qso': [
    {
      name: 'a QSO in progress and a station waiting',
      arrange: async (w) => (await onAir(w), await w.register('W1AW', 'K1ABC'), request(w, 'admin.next_qso')),
      act: (w) => request(w, 'admin.next_qso')
    }
  ],
  'admin.work_callsign': [
    {
      name: 'a QSO in progress, working the second in the queue',
      arrange: async (w) => (await onAir(w), await w.register('W1AW', 'K1ABC', 'G4ABC'), request(w, 'admin.next_qso')),
      act: (w) => request(w, 'admin.work_callsign', { callsign: 'G4ABC' })
    }
  ],
  'admin.work_heard': [
    {
      name: 'a QSO in progress, a caller that is waiting in the queue',
      arrange: async (w) => (await onAir(w), await w.register('W1AW', 'K1ABC'), request(w, 'admin.next_qso')),
      act: (w) => request(w, 'admin.work_heard', { callsign: 'K1ABC' })
    },
    {
      name: 'nobody in QSO, a caller that never registered',
      arrange: onAir,
      act: (w) => request(w, 'admin.work_heard', { callsign: 'EA8XYZ' })
    }
  ],
  'admin.update_current_qso': [
    {
      name: 'a report typed during the QSO',
      arrange: async (w) => (await onAir(w), await w.register('W1AW'), request(w, 'admin.next_qso')),
      act: async (w) => request(w, 'admin.update_current_qso', { id: await currentId(w), rst_rcvd: '57' })
    }
  ],
  'admin.check_call': read('admin.check_call', { partial: 'W1' }),
  'admin.cancel_qso': [
    {
      name: 'a QSO in progress goes back to the queue',
      arrange: async (w) => (await onAir(w), await w.register('W1AW'), request(w, 'admin.next_qso')),
      act: (w) => request(w, 'admin.cancel_qso')
    }
  ],
  'admin.set_registration_paused': [{ name: 'on the air', arrange: onAir, act: (w) => request(w, 'admin.set_registration_paused', { paused: true }) }],
  'admin.ban_callsign': [{ name: 'a waiting station', arrange: async (w) => (await onAir(w), w.register('W1AW')), act: (w) => request(w, 'admin.ban_callsign', { callsign: 'W1AW' }) }],
  'admin.unban_callsign': [
    { name: 'a banned callsign', arrange: (w) => request(w, 'admin.ban_callsign', { callsign: 'W1AW' }), act: (w) => request(w, 'admin.unban_callsign', { callsign: 'W1AW' }) }
  ],
  'admin.list_bans': read('admin.list_bans'),
  'admin.complete_qso': [
    {
      name: 'a QSO in progress',
      arrange: async (w) => (await onAir(w), await w.register('W1AW', 'K1ABC'), request(w, 'admin.next_qso')),
      act: (w) => request(w, 'admin.complete_qso')
    }
  ],
  'admin.undo_last_qso': [
    {
      name: 'nobody in QSO: the QSO is in progress again',
      arrange: oneLogged,
      act: (w) => request(w, 'admin.undo_last_qso')
    },
    {
      name: 'another QSO in progress: the station goes back to the head of the queue',
      arrange: async (w) => (await onAir(w), await w.register('W1AW', 'K1ABC'), await request(w, 'admin.next_qso'), request(w, 'admin.next_qso')),
      act: (w) => request(w, 'admin.undo_last_qso')
    }
  ],
  'admin.set_frequency': [
    { name: 'an empty queue', act: (w) => request(w, 'admin.set_frequency', { frequency: '14.195', mode: 'SSB' }) },
    {
      name: 'a waiting station worked before, moving band',
      arrange: loggedAndBackInQueue,
      act: (w) => request(w, 'admin.set_frequency', { frequency: '7.150' }),
      env: NO_COOLDOWN
    }
  ],
  'admin.set_mode': [
    { name: 'an empty queue', act: (w) => request(w, 'admin.set_mode', { mode: 'CW' }) },
    {
      name: 'a waiting station worked before, changing mode',
      arrange: loggedAndBackInQueue,
      act: (w) => request(w, 'admin.set_mode', { mode: 'CW' }),
      env: NO_COOLDOWN
    }
  ],
  'admin.set_rig_follow': [
    { name: 'switching following off', act: (w) => request(w, 'admin.set_rig_follow', { follow: false }) },
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
      act: (w) => request(w, 'admin.set_rig_follow', { follow: true })
    }
  ],
  'admin.delete_frequency': [
    { name: 'a frequency set', arrange: (w) => request(w, 'admin.set_frequency', { frequency: '14.195' }), act: (w) => request(w, 'admin.delete_frequency') },
    { name: 'a waiting station worked before on the band', arrange: loggedAndBackInQueue, act: (w) => request(w, 'admin.delete_frequency'), env: NO_COOLDOWN }
  ],
  'admin.set_split': [{ name: 'no split yet', act: (w) => request(w, 'admin.set_split', { split: 'up 5' }) }],
  'admin.delete_split': [{ name: 'a split set', arrange: (w) => request(w, 'admin.set_split', { split: 'up 5' }), act: (w) => request(w, 'admin.delete_split') }],
  'admin.set_system_status': [
    { name: 'going on the air', act: onAir },
    {
      name: 'going off the air, logging the QSO in progress, stations waiting',
      arrange: async (w) => (await onAir(w), await w.register('W1AW', 'K1ABC'), request(w, 'admin.next_qso')),
      act: (w) => request(w, 'admin.set_system_status', { active: false, log_current: true })
    }
  ],
  'admin.get_system_status': read('admin.get_system_status'),
  'admin.get_log': read('admin.get_log'),
  'admin.update_qso': [{ name: 'a logged QSO', arrange: oneLogged, act: async (w) => request(w, 'admin.update_qso', { id: await latestQsoId(w), notes: 'QSB' }) }],
  'admin.delete_qso': [
    { name: 'a logged QSO', arrange: oneLogged, act: async (w) => request(w, 'admin.delete_qso', { id: await latestQsoId(w) }) },
    {
      name: 'a logged QSO whose station waits again',
      arrange: loggedAndBackInQueue,
      act: async (w) => request(w, 'admin.delete_qso', { id: await latestQsoId(w) }),
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
      act: (w) => request(w, 'admin.restore_qso', { qso: (w as World & { deleted?: unknown }).deleted! }),
      env: NO_COOLDOWN
    }
  ],
  'admin.export_log': read('admin.export_log'),
  'admin.get_settings': read('admin.get_settings'),
  'admin.update_settings': [
    { name: 'a new queue size', act: (w) => request(w, 'admin.update_settings', { max_queue_size: 25 }) },
    { name: 'rig control switched on', act: (w) => request(w, 'admin.update_settings', { rigctld: '127.0.0.1:1' }) }
  ],
  'system.ping': read('system.ping'),
  'system.heartbeat': read('system.heartbeat'),
  'system.info': read('system.info')
};

let harness: Harness | null = null;
let rig: RigctldProcess | null = null;
async function closeAll(): Promise<void> {
  await harness?.close();
  await rig?.close();
  harness = null;
  rig = null;
}
afterEach(closeAll);

/** The names of the broadcast events another client receives while `act` runs. */
async function eventsOf(situation: Situation): Promise<string[]> {
  rig = situation.rig ? await startRigctld() : null;
  const h = (harness = await startHarness({ ...situation.env, ...(rig ? { RIGCTLD: `${rig.host}:${rig.port}` } : {}) }));
  const admin = await h.connectAdmin();
  const watcher = await h.connect();
  const w: World = {
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
    }
  };
  await situation.arrange?.(w);
  // A round trip on the watcher after the queue's announcement window: every earlier broadcast has arrived.
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve, 150));
    await watcher.request('system.ping');
  };
  await settle();
  const seen: string[] = [];
  watcher.onAnyEvent((message) => seen.push(message.event));
  await situation.act(w);
  await settle();
  return [...new Set(seen)].sort();
}

describe('every operation publishes exactly the events its entry declares', () => {
  it('every operation has situations here', () => {
    expect(OPERATION_NAMES.filter((name) => !(name in SITUATIONS))).toEqual([]);
  });

  for (const name of OPERATION_NAMES) {
    const needsRig = SITUATIONS[name].some((situation) => situation.rig);
    itRequires(needsRig ? rigctldMissing() : null, name, async () => {
      const declared = [...OPERATIONS[name].events].sort();
      const union = new Set<string>();
      for (const situation of SITUATIONS[name]) {
        const seen = await eventsOf(situation);
        await closeAll();
        expect(seen.filter((event) => !declared.includes(event as never)), `${name}, ${situation.name}: published but not declared`).toEqual([]);
        for (const event of seen) union.add(event);
      }
      expect([...union].sort(), `${name}: declared but never published`).toEqual(declared);
    }, 30_000);
  }
});
