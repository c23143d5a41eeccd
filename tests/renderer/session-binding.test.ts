/** The session binding both pages use, against a real server: what it reports, and silence after stop. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { bindSession, type SessionCallbacks } from '../../src/renderer/src/state/session-binding.js';
import { startHarness, type Harness } from '../helpers/pileup-harness.js';

let h: Harness;

beforeEach(async () => {
  // Node 20 has no global WebSocket; the session finds this one like a browser's.
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  h = await startHarness();
});

afterEach(async () => {
  await h.close();
});

function recorder(): SessionCallbacks & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    onConnecting: () => calls.push('connecting'),
    onOnline: () => calls.push('online'),
    onState: (state) => calls.push(`state ${state.frequency.frequency ?? '-'}`),
    onOffline: () => calls.push('offline'),
    onAuthRejected: (message) => calls.push(`rejected ${message}`)
  };
}

describe('session binding', () => {
  it('a station (no credentials) goes online, follows the state, and hears nothing after stop', async () => {
    const callbacks = recorder();
    const binding = bindSession({ url: h.url }, callbacks);
    await vi.waitFor(() => expect(callbacks.calls).toContain('online'));
    expect(binding.client).not.toBeNull();
    const admin = await h.connectAdmin();
    await admin.request('admin.set_frequency', { frequency: '14.205' });
    await vi.waitFor(() => expect(callbacks.calls).toContain('state 14.205'));

    binding.stop();
    const heard = callbacks.calls.length;
    expect(binding.client).toBeNull();
    await admin.request('admin.set_frequency', { frequency: '7.155' });
    await h.restart();
    await admin.close();
    await new Promise((done) => setTimeout(done, 300));
    expect(callbacks.calls.length).toBe(heard);
  });

  it('the console’s credentials sign it in; wrong ones are reported as refused', async () => {
    const refused = recorder();
    const binding = bindSession({ url: h.url, credentials: { username: 'admin', password: 'wrong' } }, refused);
    await vi.waitFor(() => expect(refused.calls).toContain('rejected Invalid username or password'));
    expect(refused.calls).not.toContain('online');
    binding.stop();
  });

  it('a console locked out after failed logins is told so, with the wait, instead of retrying as if the server were gone', async () => {
    await h.close();
    h = await startHarness({}, { abuseLimits: { loginSlowdownAfter: 100, loginLockoutAfter: 2 } });
    for (const password of ['wrong-1', 'wrong-2']) {
      const guess = recorder();
      const binding = bindSession({ url: h.url, credentials: { username: 'admin', password } }, guess);
      await vi.waitFor(() => expect(guess.calls.some((c) => c.startsWith('rejected'))).toBe(true));
      binding.stop();
    }
    const operator = recorder();
    const binding = bindSession({ url: h.url, credentials: { username: 'admin', password: 'test-password-123' } }, operator);
    await vi.waitFor(() => expect(operator.calls).toContain('rejected Too many failed logins from your address; try again in 15 min'));
    expect(operator.calls).not.toContain('offline');
    binding.stop();
  });
});
