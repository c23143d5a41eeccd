/**
 * The console's session: the shared session binding, reporting into the console's store (the
 * link's state, the connection to act on, the pileup state, a refused sign-in).
 */
import { applyState, attachClient, detachClient, useConsole } from './store';
import { bindSession, type Credentials, type SessionBinding } from './session-binding';

/** Connects and signs in; `url` defaults to the server that served the page. */
export function connectConsole(credentials: Credentials, url?: string): SessionBinding {
  useConsole.setState({ link: { kind: 'connecting' } });
  return bindSession(
    { ...(url ? { url } : {}), credentials },
    {
      onOnline: attachClient,
      onState: applyState,
      onOffline: ({ retryInMs, attempt, reason }) => detachClient({ kind: 'offline', retryAt: Date.now() + retryInMs, attempt, reason }),
      onAuthRejected: (message) => detachClient({ kind: 'signed-out', message })
    }
  );
}
