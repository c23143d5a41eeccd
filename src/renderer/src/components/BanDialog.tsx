import { useEffect, useRef, useState, type FormEvent } from 'react';
import { actions, useConsole } from '../state/store';

/** Asks for the reason before a ban: the banned station is told it when it tries again. */
export function BanDialog({ callsign }: { callsign: string }) {
  const [reason, setReason] = useState('');
  const dialog = useRef<HTMLDialogElement>(null);
  const busy = useConsole((s) => Boolean(s.busy[`ban:${callsign}`]));
  const close = () => useConsole.setState({ banning: null });
  useEffect(() => dialog.current?.showModal(), []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await actions.ban(callsign, reason.trim())) close();
  };
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="ban-title" onCancel={close}>
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="ban-title">Ban {callsign}</h2>
        <p className="field-hint">The station leaves the queue and cannot register again until the ban is lifted in Settings.</p>
        <label className="field">
          <span className="field-label">Reason (shown to the station)</span>
          <input name="reason" value={reason} maxLength={200} autoFocus onChange={(e) => setReason(e.target.value)} />
        </label>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel <kbd>Esc</kbd>
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            Ban {callsign}
          </button>
        </div>
      </form>
    </dialog>
  );
}
