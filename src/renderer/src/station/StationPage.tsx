import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { checkCallsign } from '../../../shared/callsign';
import { PileupRequestError } from '../../../shared/client/pileup-client';
import { bannedText, errorText } from './error-text';
import { LanguageSwitcher } from './LanguageSwitcher';
import { StationMap, type CallerPlace } from './StationMap';
import { loadRegistration, saveRegistration, type Registration } from './registration';
import { callOnText, frequencyReading, splitReading } from './tuning-text';
import { estimatedWaitMinutes, waitText } from './wait-estimate';
import { useStationLink, type LoggedContact } from './useStationLink';

const BUZZ_KEY = 'pileup-buster.buzz';

/** A short buzz on phones that can, when the station's turn comes near (it may be in a pocket). */
function buzzNow(): void {
  navigator.vibrate?.([200, 100, 200]);
}

/** What ended this station's place in the queue, kept on screen until it joins again. */
type Outcome = { kind: 'logged'; qso: LoggedContact } | { kind: 'off-air' } | { kind: 'removed' } | { kind: 'banned'; callsign: string; reason: string };

/** "20m SSB", kept on one line. */
function bandMode(band: string | null | undefined, mode: string | null | undefined): string {
  return [band, mode].filter(Boolean).join('\u00a0');
}

/**
 * "Logged 2026-12-02 08:02Z on 20m SSB. 73!": the UTC date and time as the log has them (near
 * midnight the caller's own date may differ), bands and modes as operators write them.
 */
function loggedText(qso: LoggedContact, t: TFunction): string {
  const date = qso.completed_at.slice(0, 10);
  const time = `${qso.completed_at.slice(11, 16)}Z`;
  const where = bandMode(qso.band, qso.mode);
  return where ? t('outcome.logged', { date, time, where }) : t('outcome.loggedAt', { date, time });
}

/** The QSO that ended this registration: its callsign's, logged after it joined (not a QSO of an earlier visit). */
function loggedFor(logged: LoggedContact | null, registration: Registration | null): LoggedContact | null {
  if (!logged || !registration || logged.callsign !== registration.callsign) return null;
  return !registration.registeredAt || logged.completed_at >= registration.registeredAt ? logged : null;
}

function outcomeText(outcome: Outcome, t: TFunction): string {
  switch (outcome.kind) {
    case 'logged':
      return loggedText(outcome.qso, t);
    case 'off-air':
      return t('outcome.offAir');
    case 'removed':
      return t('outcome.removed');
    case 'banned':
      return bannedText(t, outcome.callsign, outcome.reason);
  }
}

export function StationPage() {
  const { t } = useTranslation();
  const { view, status, client, logged, completions } = useStationLink();
  const [buzz, setBuzz] = useState(() => localStorage.getItem(BUZZ_KEY) !== 'off');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Set once the server has shown this registration in the queue or in QSO: only then does its
  // absence mean the place ended (and not that the queue update is still on its way).
  const [placed, setPlaced] = useState(false);
  const [registration, setRegistration] = useState<Registration | null>(loadRegistration);
  const [callsign, setCallsign] = useState(registration?.callsign ?? '');
  /** The registration is spent (worked, removed, left): forgotten here and in the browser. */
  const forgetRegistration = () => {
    setRegistration(null);
    saveRegistration(null);
  };
  /** After an outcome, back to the join form: the outcome no longer claims the screen. */
  const startOver = (typed: string | null = null) => {
    forgetRegistration();
    setOutcome(null);
    if (typed !== null) setCallsign(typed);
  };
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
    document.title = dx ? t('title.pileup', { dx }) : t('title.default');
  }, [dx, t]);

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
    const qso = loggedFor(logged, registration);
    setOutcome(qso ? { kind: 'logged', qso } : !view.system.active ? { kind: 'off-air' } : { kind: 'removed' });
    setPlaced(false);
    // Removed, or banned? The server tells the holder of the registration's token why.
    if (!qso && view.system.active && client) {
      const { callsign: mineCallsign, token } = registration;
      client.request('queue.here', { callsign: mineCallsign, token }).catch((error: unknown) => {
        if (!(error instanceof PileupRequestError) || error.code !== 'BANNED') return;
        const reason = (error.reply?.details as { reason?: unknown } | undefined)?.reason;
        setOutcome((current) => (current?.kind === 'removed' ? { kind: 'banned', callsign: mineCallsign, reason: typeof reason === 'string' ? reason : '' } : current));
      });
    }
  }, [registration, placed, view, mine, beingWorked, logged, client]);

  // The QSO's log entry may arrive just after the queue no longer shows us: it wins.
  useEffect(() => {
    const qso = loggedFor(logged, registration);
    if (qso && outcome?.kind !== 'logged' && !mine && !beingWorked) {
      setOutcome({ kind: 'logged', qso });
    }
  }, [logged, registration, outcome, mine, beingWorked]);

  // Once the operator has worked or removed us, the registration is spent.
  useEffect(() => {
    if (registration && view && !view.resyncing && !mine && !beingWorked) {
      const timer = setTimeout(() => {
        forgetRegistration();
      }, 10_000);
      return () => clearTimeout(timer);
    }
    return undefined;
  }, [registration, view, mine, beingWorked]);

  const join = async (event: FormEvent) => {
    event.preventDefault();
    const check = checkCallsign(callsign);
    if (!check.ok) {
      setProblem(callsign.trim() === '' ? t('errors.callsignRequired') : t('errors.callsignInvalid', { callsign: callsign.trim() }));
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
      setProblem(errorText(error, t, check.callsign));
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
      forgetRegistration();
    } catch (error) {
      if (error instanceof PileupRequestError && error.code === 'NOT_FOUND') {
        forgetRegistration();
      } else {
        setProblem(errorText(error, t, registration.callsign));
      }
    } finally {
      setBusy(false);
    }
  };

  const active = view?.system.active ?? false;
  const paused = view?.system.registration_paused ?? false;
  const tuning = view ? frequencyReading(view.frequency) : null;
  const split = view ? splitReading(view.split) : null;
  const callOn = view ? callOnText(view.frequency, view.split) : null;
  const next = !beingWorked && mine?.position === 1;
  const waitMinutes = mine && !beingWorked && !next ? estimatedWaitMinutes(completions, mine.position, Date.now()) : null;
  useEffect(() => {
    if (buzz && (next || beingWorked)) buzzNow();
  }, [buzz, next, beingWorked]);
  const full = view ? view.queue.total >= view.queue.max_size : false;
  const queued = registration !== null && (mine !== undefined || beingWorked);
  // After a QSO, joining again only makes sense once the station is on another band or mode.
  const nowOn = view ? bandMode(view.frequency.band, view.frequency.mode) : '';
  const sameSlot = outcome?.kind === 'logged' && nowOn !== '' && nowOn === bandMode(outcome.qso.band, outcome.qso.mode);
  // What a screen reader says on its own: the place as it changes (politely), and the turn coming
  // or come (at once). Only the place number, not the queue's length, so it speaks when it matters.
  const placeAnnouncement = queued && mine && !beingWorked && !next ? t('place.announce', { position: mine.position }) : outcome ? outcomeText(outcome, t) : '';
  const turnAnnouncement = beingWorked ? t('place.beingWorked') : next ? t('place.next') : '';
  const placedAt = beingWorked ? view?.current : mine;
  const callerPlace: CallerPlace | null = placedAt?.location
    ? { callsign: placedAt.callsign, position: beingWorked ? null : (mine?.position ?? null), location: placedAt.location, country: placedAt.country ?? null }
    : null;
  return (
    <main className="station">
      <header className="station-header">
        <h1 data-testid="dx-station">
          {dx ? (
            <>
              <span className="dx-call">{dx}</span>
              {view?.station.operator && <span className="dx-operator"> {t('header.operator', { operator: view.station.operator })}</span>}
            </>
          ) : (
            t('title.default')
          )}
        </h1>
        <span className={`on-air-pill ${active ? 'is-on' : ''}`} data-testid="on-air">
          {active ? t('header.onAir') : t('header.offAir')}
        </span>
      </header>

      <div className="visually-hidden" role="status" aria-live="polite" data-testid="place-announcer">
        {placeAnnouncement}
      </div>
      <div className="visually-hidden" role="alert" aria-live="assertive" data-testid="turn-announcer">
        {turnAnnouncement}
      </div>

      {status.kind !== 'online' && (
        <p className="station-banner" role="status">
          {status.kind === 'connecting' ? t('link.connecting') : t('link.lost', { seconds: status.retryInSec })}
        </p>
      )}

      <section className="station-card tuning-card" aria-label={t('tuning.frequency')}>
        <div>
          <span className="label">{t('tuning.frequency')}</span>
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
          <span className="label">{t('tuning.split')}</span>
          <span className="value">
            <span data-testid="split">{split?.value ?? '—'}</span>
            {split?.unit && <span className="unit"> {split.unit}</span>}
          </span>
          {callOn && (
            <span className="detail" data-testid="call-on">
              {t('tuning.callOn', { frequency: callOn })}
            </span>
          )}
        </div>
      </section>

      <section className="station-card" aria-label={t('working.label')}>
        <span className="label">{t('working.label')}</span>
        {view?.current ? (
          <span className="big-call" data-testid="working-now">
            {view.current.callsign}
          </span>
        ) : (
          <span className="nobody" data-testid="working-now">
            {t('working.nobody')}
          </span>
        )}
        {view?.current?.country && (
          <span className="hint">
            {view.current.country.flag} {view.current.country.entity}
          </span>
        )}
      </section>

      <section className="station-card" aria-label={t('place.region')}>
        {queued ? (
          <div className="mine">
            <span className="label">{t('place.you')}</span>
            <span className="my-call" data-testid="my-call">
              {registration.callsign}
            </span>
            {beingWorked ? (
              <p className="worked" data-testid="being-worked">
                {t('place.beingWorked')}
              </p>
            ) : (
              <>
                <p className="position">
                  {t('place.position')} <strong data-testid="my-position">{mine!.position}</strong>
                  <span className="of"> {t('place.of', { total: view!.queue.total })}</span>
                </p>
                {next && (
                  <p className="next" data-testid="you-are-next">
                    {t('place.next')}
                  </p>
                )}
                {waitMinutes !== null && (
                  <p className="hint" data-testid="wait-estimate">
                    {t('place.wait', { wait: waitText(waitMinutes, t) })}
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
                    {t('place.buzz')}
                  </label>
                )}
                {paused && (
                  <p className="hint" data-testid="paused-queued">
                    {t('place.pausedQueued')}
                  </p>
                )}
              </>
            )}
            {!beingWorked && (
              <button type="button" className={`button secondary ${confirmLeave ? 'confirm' : ''}`} onClick={() => void leave()} disabled={busy || !client} data-testid="leave">
                {confirmLeave ? t('place.leaveConfirm') : t('place.leave')}
              </button>
            )}
          </div>
        ) : outcome?.kind === 'logged' ? (
          // No join form while joining again would be a dupe: the station asks for it.
          <div className="mine" data-testid="outcome" data-outcome="logged">
            <span className="label">{t('place.you')}</span>
            <span className="my-call">{outcome.qso.callsign}</span>
            <p className="logged">{loggedText(outcome.qso, t)}</p>
            {sameSlot ? (
              <p className="hint" data-testid="same-band">
                {t('outcome.sameBand')}
              </p>
            ) : (
              <button
              type="button"
              className="button secondary"
              onClick={() => startOver()}
            >
              {nowOn ? t('outcome.joinAgain', { where: nowOn }) : t('join.submit')}
            </button>
            )}
          </div>
        ) : outcome?.kind === 'banned' ? (
          // A ban holds for this callsign: no form inviting it to try again, only another callsign.
          <div className="mine" data-testid="outcome" data-outcome="banned">
            <span className="label">{t('place.you')}</span>
            <span className="my-call">{outcome.callsign}</span>
            <p className="problem">{outcomeText(outcome, t)}</p>
            <button
              type="button"
              className="button secondary"
              onClick={() => startOver('')}
            >
              {t('outcome.otherCallsign')}
            </button>
          </div>
        ) : (
          <form onSubmit={(e) => void join(e)} className="join">
            {outcome && (
              <p className="problem" data-testid="outcome" data-outcome={outcome.kind}>
                {outcomeText(outcome, t)}
              </p>
            )}
            <label htmlFor="callsign" className="label">
              {t('join.callsign')}
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
              placeholder={t('join.placeholder')}
            />
            <button type="submit" className="button" disabled={busy || !client || !active || paused || full} data-testid="join">
              {t('join.submit')}
            </button>
            {active && !paused && full && (
              <p className="hint" data-testid="queue-full">
                {t('join.full', { total: view!.queue.total, max: view!.queue.max_size })}
              </p>
            )}
            {!active && <p className="hint" data-testid="not-on-air">{t('join.notOnAir')}</p>}
            {active && paused && (
              <p className="hint" data-testid="paused">
                {t('join.paused')}
              </p>
            )}
          </form>
        )}
        {problem && (
          <p className="problem" role="alert" data-testid="problem">
            {problem}
          </p>
        )}
      </section>

      {view && <StationMap view={view} caller={callerPlace} />}

      <section className="station-card" aria-label={t('queue.label')}>
        <span className="label">
          {t('queue.label')} {view ? t('queue.count', { total: view.queue.total, max: view.queue.max_size }) : ''}
        </span>
        {view && view.queue.total > 0 ? (
          <ol className="queue">
            {view.queue.queue.map((entry) => (
              <li key={entry.id} className={entry.callsign === registration?.callsign ? 'is-mine' : ''} aria-current={entry.callsign === registration?.callsign ? 'true' : undefined}>
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
          <p className="hint">{t('queue.empty')}</p>
        )}
      </section>

      <footer className="station-footer">
        <LanguageSwitcher />
      </footer>
    </main>
  );
}
