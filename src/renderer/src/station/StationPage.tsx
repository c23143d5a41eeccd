import { useEffect, useState, type FormEvent } from 'react';
import { checkCallsign } from '../../../shared/callsign';
import { PileupRequestError } from '../../../shared/client/pileup-client';
import { loadRegistration, saveRegistration, type Registration } from './registration';
import { frequencyReading, splitReading } from './tuning-text';
import { estimatedWaitMinutes, waitText } from './wait-estimate';
import { useStationLink, type LoggedContact } from './useStationLink';

const BUZZ_KEY = 'pileup-buster.buzz';

/** A short buzz on phones that can, when the station's turn comes near (it may be in a pocket). */
function buzzNow(): void {
  navigator.vibrate?.([200, 100, 200]);
}

/** What ended this station's place in the queue, kept on screen until it joins again. */
type Outcome = { kind: 'logged'; qso: LoggedContact } | { kind: 'off-air' } | { kind: 'removed' };

/** "08:02Z on 20m SSB": times in UTC, as operators log them. */
function loggedText(qso: LoggedContact): string {
  const time = `${qso.completed_at.slice(11, 16)}Z`;
  const where = [qso.band, qso.mode].filter(Boolean).join(' ');
  return where ? `${time} on ${where}` : time;
}

function describe(error: unknown): string {
  if (error instanceof PileupRequestError) {
    return error.code === 'DISCONNECTED' || error.code === 'TIMEOUT' ? 'No answer from the server. Try again in a moment.' : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

export function StationPage() {
  const { view, status, client, logged, completions } = useStationLink();
  const [buzz, setBuzz] = useState(() => localStorage.getItem(BUZZ_KEY) !== 'off');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Set once the server has shown this registration in the queue or in QSO: only then does its
  // absence mean the place ended (and not that the queue update is still on its way).
  const [placed, setPlaced] = useState(false);
  const [registration, setRegistration] = useState<Registration | null>(loadRegistration);
  const [callsign, setCallsign] = useState(registration?.callsign ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Leaving takes a second tap within a few seconds, so a stray tap never costs a place.
  const [confirmLeave, setConfirmLeave] = useState(false);
  useEffect(() => {
    if (!confirmLeave) return undefined;
    const timer = setTimeout(() => setConfirmLeave(false), 4000);
    return () => clearTimeout(timer);
  }, [confirmLeave]);

  const dx = view?.station.callsign ?? null;
  useEffect(() => {
    document.title = dx ? `${dx} pileup` : 'Pileup Buster';
  }, [dx]);

  const mine = registration ? view?.queue.queue.find((entry) => entry.callsign === registration.callsign) : undefined;
  const beingWorked = registration !== null && view?.current?.callsign === registration.callsign;

  // Each new connection tells the server this station is still here, so the operator sees it as
  // present rather than gone; a registration the server no longer knows is left to the check below.
  useEffect(() => {
    if (!client || !registration) return;
    client.request('queue.here', { callsign: registration.callsign, token: registration.token }).catch(() => undefined);
  }, [client, registration]);

  useEffect(() => {
    if (mine || beingWorked) setPlaced(true);
  }, [mine, beingWorked]);

  // Say what ended the place: logged, off the air, or removed by the operator.
  useEffect(() => {
    if (!registration || !placed || !view || view.resyncing || mine || beingWorked) return;
    const qso = logged?.callsign === registration.callsign ? logged : null;
    setOutcome(qso ? { kind: 'logged', qso } : !view.system.active ? { kind: 'off-air' } : { kind: 'removed' });
    setPlaced(false);
  }, [registration, placed, view, mine, beingWorked, logged]);

  // The QSO's log entry may arrive just after the queue no longer shows us: it wins.
  useEffect(() => {
    if (logged && registration && logged.callsign === registration.callsign && outcome?.kind !== 'logged' && !mine && !beingWorked) {
      setOutcome({ kind: 'logged', qso: logged });
    }
  }, [logged, registration, outcome, mine, beingWorked]);

  // Once the operator has worked or removed us, the registration is spent.
  useEffect(() => {
    if (registration && view && !view.resyncing && !mine && !beingWorked) {
      const timer = setTimeout(() => {
        setRegistration(null);
        saveRegistration(null);
      }, 10_000);
      return () => clearTimeout(timer);
    }
    return undefined;
  }, [registration, view, mine, beingWorked]);

  const join = async (event: FormEvent) => {
    event.preventDefault();
    const check = checkCallsign(callsign);
    if (!check.ok) {
      setProblem(check.reason);
      return;
    }
    if (!client || busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const result = await client.request('queue.register', { callsign: check.callsign });
      const next = { callsign: result.entry.callsign, token: result.leave_token, registeredAt: result.entry.timestamp };
      saveRegistration(next);
      setRegistration(next);
      setOutcome(null);
    } catch (error) {
      setProblem(describe(error));
    } finally {
      setBusy(false);
    }
  };

  const leave = async () => {
    if (!client || !registration || busy) return;
    if (!confirmLeave) {
      setConfirmLeave(true);
      return;
    }
    setConfirmLeave(false);
    setBusy(true);
    setProblem(null);
    try {
      await client.request('queue.leave', { callsign: registration.callsign, token: registration.token });
      saveRegistration(null);
      setRegistration(null);
    } catch (error) {
      if (error instanceof PileupRequestError && error.code === 'NOT_FOUND') {
        saveRegistration(null);
        setRegistration(null);
      } else {
        setProblem(describe(error));
      }
    } finally {
      setBusy(false);
    }
  };

  const active = view?.system.active ?? false;
  const paused = view?.system.registration_paused ?? false;
  const tuning = view ? frequencyReading(view.frequency) : null;
  const split = view ? splitReading(view.split) : null;
  const next = !beingWorked && mine?.position === 1;
  const waitMinutes = mine && !beingWorked && !next ? estimatedWaitMinutes(completions, mine.position, Date.now()) : null;
  useEffect(() => {
    if (buzz && (next || beingWorked)) buzzNow();
  }, [buzz, next, beingWorked]);
  const full = view ? view.queue.total >= view.queue.max_size : false;
  return (
    <main className="station">
      <header className="station-header">
        <h1 data-testid="dx-station">
          {dx ? (
            <>
              <span className="dx-call">{dx}</span>
              {view?.station.operator && <span className="dx-operator"> op. {view.station.operator}</span>}
            </>
          ) : (
            'Pileup Buster'
          )}
        </h1>
        <span className={`on-air-pill ${active ? 'is-on' : ''}`} data-testid="on-air">
          {active ? 'On the air' : 'Off the air'}
        </span>
      </header>

      {status.kind !== 'online' && (
        <p className="station-banner" role="status">
          {status.kind === 'connecting' ? 'Connecting to the station…' : `Connection lost. Reconnecting in ${status.retryInSec} s…`}
        </p>
      )}

      <section className="station-card tuning-card" aria-label="Frequency">
        <div>
          <span className="label">Frequency</span>
          <span className="value">
            <span data-testid="frequency">{tuning?.value ?? '—'}</span>
            {tuning?.unit && <span className="unit"> {tuning.unit}</span>}
          </span>
          {tuning?.detail && (
            <span className="detail" data-testid="band-mode">
              {tuning.detail}
            </span>
          )}
        </div>
        <div>
          <span className="label">Split</span>
          <span className="value">
            <span data-testid="split">{split?.value ?? '—'}</span>
            {split?.unit && <span className="unit"> {split.unit}</span>}
          </span>
        </div>
      </section>

      <section className="station-card" aria-label="Working now">
        <span className="label">Working now</span>
        <span className="big-call" data-testid="working-now">
          {view?.current?.callsign ?? '—'}
        </span>
        {view?.current?.country && (
          <span className="hint">
            {view.current.country.flag} {view.current.country.entity}
          </span>
        )}
      </section>

      <section className="station-card" aria-label="Your place">
        {registration && (mine || beingWorked) ? (
          <div className="mine">
            <span className="label">You</span>
            <span className="my-call" data-testid="my-call">
              {registration.callsign}
            </span>
            {beingWorked ? (
              <p className="worked" role="status">You are being worked now: listen for your call!</p>
            ) : (
              <>
                <p className="position" role="status">
                  Your place in the queue: <strong data-testid="my-position">{mine!.position}</strong>
                  <span className="of"> of {view!.queue.total}</span>
                </p>
                {next && (
                  <p className="next" role="status" data-testid="you-are-next">
                    You are next: get ready to call.
                  </p>
                )}
                {waitMinutes !== null && (
                  <p className="hint" data-testid="wait-estimate">
                    Wait: {waitText(waitMinutes)}, at the pace of the last QSOs.
                  </p>
                )}
                {'vibrate' in navigator && (
                  <label className="buzz">
                    <input
                      type="checkbox"
                      checked={buzz}
                      onChange={(e) => {
                        setBuzz(e.target.checked);
                        localStorage.setItem(BUZZ_KEY, e.target.checked ? 'on' : 'off');
                      }}
                    />{' '}
                    Vibrate when I am next
                  </label>
                )}
                {paused && (
                  <p className="hint" data-testid="paused-queued">
                    Registration is paused for new stations; your place is kept.
                  </p>
                )}
              </>
            )}
            {!beingWorked && (
              <button type="button" className={`button secondary ${confirmLeave ? 'confirm' : ''}`} onClick={() => void leave()} disabled={busy || !client} data-testid="leave">
                {confirmLeave ? 'Tap again to leave the queue' : 'Leave the queue'}
              </button>
            )}
          </div>
        ) : outcome?.kind === 'logged' ? (
          // No join form while joining again would be a dupe: the station asks for it.
          <div className="mine" data-testid="outcome">
            <span className="label">You</span>
            <span className="my-call">{outcome.qso.callsign}</span>
            <p className="logged" role="status">
              Logged {loggedText(outcome.qso)}. 73!
            </p>
            <button type="button" className="button secondary" onClick={() => setOutcome(null)}>
              Join again (another band or mode)
            </button>
          </div>
        ) : (
          <form onSubmit={(e) => void join(e)} className="join">
            {outcome && (
              <p className="problem" role="status" data-testid="outcome">
                {outcome.kind === 'off-air'
                  ? 'The station went off the air and the queue was cleared. Join again when it is back on the air.'
                  : 'The operator took you out of the queue.'}
              </p>
            )}
            <label htmlFor="callsign" className="label">
              Callsign
            </label>
            <input
              id="callsign"
              name="callsign"
              value={callsign}
              onChange={(e) => setCallsign(e.target.value.toUpperCase())}
              autoCapitalize="characters"
              autoComplete="off"
              autoCorrect="off"
              spellCheck={false}
              inputMode="text"
              maxLength={20}
              placeholder="e.g. W1AW"
            />
            <button type="submit" className="button" disabled={busy || !client || !active || paused || full}>
              Join the queue
            </button>
            {active && !paused && full && (
              <p className="hint" data-testid="queue-full">
                The queue is full ({view!.queue.total} of {view!.queue.max_size}). Joining opens as soon as a place frees up.
              </p>
            )}
            {!active && <p className="hint">Registration opens when the station is on the air.</p>}
            {active && paused && (
              <p className="hint" data-testid="paused">
                Registration is paused for the moment; the queue is kept. Try again shortly.
              </p>
            )}
          </form>
        )}
        {problem && (
          <p className="problem" role="alert">
            {problem}
          </p>
        )}
      </section>

      <section className="station-card" aria-label="Queue">
        <span className="label">
          Queue {view ? `(${view.queue.total} of ${view.queue.max_size})` : ''}
        </span>
        {view && view.queue.total > 0 ? (
          <ol className="queue">
            {view.queue.queue.map((entry) => (
              <li key={entry.id} className={entry.callsign === registration?.callsign ? 'is-mine' : ''}>
                <span className="pos">{entry.position}</span>
                <span className="call">{entry.callsign}</span>
                {entry.country && (
                  <span className="country">
                    {entry.country.flag} {entry.country.entity}
                  </span>
                )}
              </li>
            ))}
          </ol>
        ) : (
          <p className="hint">Nobody waiting.</p>
        )}
      </section>
    </main>
  );
}
