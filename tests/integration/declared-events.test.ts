/**
 * The operation table tells the truth about events: every operation is called over a real
 * WebSocket in situations that make it change what it can (tests/helpers/operation-situations.ts),
 * and the events another client sees must be among those its entry declares, and, over its
 * situations, all of them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OPERATIONS, OPERATION_NAMES, type OperationName } from '../../src/shared/protocol/operations.js';
import { SITUATIONS, openWorld, type Situation } from '../helpers/operation-situations.js';
import { itRequires } from '../helpers/requirements.js';
import { rigctldMissing } from '../helpers/rigctld-process.js';

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

/** The names of the broadcast events another client receives while the operation runs. */
async function eventsOf(name: OperationName, situation: Situation): Promise<string[]> {
  const w = await openWorld(situation);
  close = () => w.close();
  const watcher = await w.h.connect();
  // A round trip on the watcher after the queue's announcement window: every earlier broadcast has arrived.
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve, 150));
    await watcher.request('system.ping');
  };
  await settle();
  const seen: string[] = [];
  watcher.onAnyEvent((message) => seen.push(message.event));
  await (w.admin.request as (op: string, data: object) => Promise<unknown>)(name, (await situation.data?.(w)) ?? {});
  await settle();
  return [...new Set(seen)].sort();
}

describe('every operation publishes exactly the events its entry declares', () => {
  it('every operation has situations', () => {
    expect(OPERATION_NAMES.filter((name) => !(name in SITUATIONS))).toEqual([]);
  });

  for (const name of OPERATION_NAMES) {
    const needsRig = SITUATIONS[name].some((situation) => situation.rig);
    itRequires(needsRig ? rigctldMissing() : null, name, async () => {
      const declared = [...OPERATIONS[name].events].sort();
      const union = new Set<string>();
      for (const situation of SITUATIONS[name]) {
        const seen = await eventsOf(name, situation);
        await close?.();
        close = null;
        expect(seen.filter((event) => !declared.includes(event as never)), `${name}, ${situation.name}: published but not declared`).toEqual([]);
        for (const event of seen) union.add(event);
      }
      expect([...union].sort(), `${name}: declared but never published`).toEqual(declared);
    }, 30_000);
  }
});
