import { useEffect, useRef, useState } from 'react';
import { checkCallsign } from '../../../shared/callsign';
import type { OperationResult } from '../../../shared/protocol/operations';
import { workHeard } from '../state/operating';
import { scpMatches } from '../state/scp';
import { requestFocus, useConsole } from '../state/store';

type CallCheck = OperationResult<'admin.check_call'>;

const CHECK_AFTER_MS = 120;

async function checkCall(partial: string): Promise<CallCheck | null> {
  const client = useConsole.getState().client;
  if (!client || !/^[A-Z0-9/]+$/.test(partial)) return null;
  try {
    return await client.request('admin.check_call', { partial });
  } catch {
    return null;
  }
}

function workedOn(entry: CallCheck['worked'][number]): string {
  return entry.worked_on
    .slice(0, 3)
    .map((w) => [w.band, w.mode].filter(Boolean).join(' '))
    .join(', ');
}

/**
 * The call entry field: the operator types a callsign heard on the air, sees at once whether it
 * is in the queue, in the log (a dupe on this band and mode) or in MASTER.SCP, and works it with
 * Enter. A dupe takes a second Enter. Esc clears the field and leaves it.
 */
export function CallEntry() {
  const focusRequest = useConsole((s) => s.focusRequest);
  const active = useConsole((s) => s.view?.system.active ?? false);
  const [text, setText] = useState('');
  const [check, setCheck] = useState<CallCheck | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [dupeArmed, setDupeArmed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (focusRequest?.field !== 'call') return;
    input.current?.focus();
    useConsole.setState({ focusRequest: null });
  }, [focusRequest]);

  useEffect(() => {
    if (!text) {
      setCheck(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => void checkCall(text).then((result) => current && setCheck(result)), CHECK_AFTER_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text]);

  const clear = () => {
    setText('');
    setProblem(null);
    setDupeArmed(null);
  };

  const submit = async () => {
    const parsed = checkCallsign(text);
    if (!parsed.ok) {
      setProblem(parsed.reason);
      return;
    }
    const callsign = parsed.callsign;
    const fresh = await checkCall(callsign);
    if (fresh) setCheck(fresh);
    const dupe = fresh?.worked.find((w) => w.callsign === callsign && w.dupe);
    if (dupe && dupeArmed !== callsign) {
      setDupeArmed(callsign);
      setProblem(`${callsign} is a dupe: already in the log on ${workedOn(dupe)}. Enter again to work it anyway, Esc to drop it.`);
      return;
    }
    setBusy(true);
    try {
      await workHeard(callsign, () => {
        clear();
        // What the operator types next is the report received.
        requestFocus('rst_rcvd');
      });
    } finally {
      setBusy(false);
    }
  };

  const scp = text.length >= 2 ? scpMatches(text).filter((call) => !check?.worked.some((w) => w.callsign === call)) : [];
  const hasHints = Boolean(check && (check.queue.length > 0 || check.worked.length > 0)) || scp.length > 0;
  return (
    <div className="call-entry">
      <label className="call-entry-label" htmlFor="call-entry">
        Heard on the air <kbd>/</kbd>
      </label>
      <input
        id="call-entry"
        ref={input}
        className={`call-entry-input ${dupeArmed ? 'is-dupe' : ''}`}
        value={text}
        placeholder={active ? 'Call heard on the air ( / )' : 'Go on the air first (A)'}
        aria-label="Call heard on the air"
        aria-describedby="call-entry-hints"
        readOnly={busy}
        spellCheck={false}
        autoComplete="off"
        maxLength={20}
        onChange={(e) => {
          setText(e.target.value.toUpperCase().replace(/\s+/g, ''));
          setProblem(null);
          setDupeArmed(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void submit();
          } else if (e.key === 'Escape') {
            clear();
          }
        }}
      />
      <div id="call-entry-hints" className="call-hints" aria-live="polite" data-testid="call-hints">
        {problem && <span className="call-problem">{problem}</span>}
        {!problem && hasHints && (
          <>
            {check?.queue.map((q) => (
              <span key={`q-${q.callsign}`} className="hint hint-queue">
                #{q.position} <strong className="callsign">{q.callsign}</strong> in the queue
              </span>
            ))}
            {check?.worked.map((w) => (
              <span key={`w-${w.callsign}`} className={`hint ${w.dupe ? 'hint-dupe' : 'hint-worked'}`}>
                <strong className="callsign">{w.callsign}</strong> {w.dupe ? 'DUPE' : 'worked'} {workedOn(w)}
              </span>
            ))}
            {scp.map((call) => (
              <span key={`s-${call}`} className="hint hint-scp" title="In MASTER.SCP">
                {call}
              </span>
            ))}
          </>
        )}
      </div>
    </div>
  );
}
