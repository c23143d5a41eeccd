import { useEffect, useRef } from 'react';
import { useNow } from '../hooks/useNow';
import { SHORTCUTS } from '../state/commands';
import { restore } from '../state/operating';
import { closeConfirm, dismissToast, openDialog, useConsole } from '../state/store';

/** How long the "removed — Undo" bar stays; Ctrl+Z works for as long as the server keeps it. */
const UNDO_BAR_MS = 15_000;

/** "DL1DDD removed — Undo": the way back from a removal, in view for a while after it. */
export function UndoBar() {
  const removal = useConsole((s) => s.undo.findLast((u) => u.kind === 'removal') ?? null);
  const now = useNow(1000);
  if (!removal || now - removal.at > UNDO_BAR_MS) return null;
  return (
    <div className="undo-toast" role="status" data-testid="undo-bar">
      <span>
        <strong className="callsign">{removal.callsign}</strong> removed
      </span>
      <button type="button" className="button button-small" onClick={() => void restore(removal.callsign)}>
        Undo <kbd>Ctrl+Z</kbd>
      </button>
    </div>
  );
}

/** A question before an action that cannot be taken back; Enter picks the first choice, Esc the last. */
export function ConfirmDialog() {
  const request = useConsole((s) => s.confirm);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (request && !dialog.current?.open) dialog.current?.showModal();
  }, [request]);
  if (!request) return null;
  return (
    <dialog ref={dialog} className="dialog confirm-dialog" aria-labelledby="confirm-title" data-testid="confirm-dialog" onCancel={closeConfirm}>
      <h2 id="confirm-title">{request.title}</h2>
      <ul className="confirm-lines">
        {request.lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <div className="dialog-actions confirm-actions">
        {request.choices.map((choice, index) => (
          <button
            key={choice.label}
            type="button"
            className={`button ${choice.tone === 'primary' ? 'button-primary' : choice.tone === 'danger' ? 'button-danger' : ''}`}
            autoFocus={index === 0}
            onClick={choice.run}
          >
            {choice.label}
            {index === 0 && <kbd>Enter</kbd>}
            {index === request.choices.length - 1 && <kbd>Esc</kbd>}
          </button>
        ))}
      </div>
    </dialog>
  );
}

export function ConnectionBanner({ onRetry }: { onRetry: () => void }) {
  const link = useConsole((s) => s.link);
  const now = useNow(500);
  if (link.kind !== 'offline') return null;
  const seconds = Math.max(0, Math.ceil((link.retryAt - now) / 1000));
  return (
    <div className="banner" role="alert" data-testid="offline-banner">
      <strong>Connection to the server lost.</strong> Showing the last known state; nothing you do is sent until it is back.{' '}
      {seconds > 0 ? `Retrying in ${seconds} s` : 'Retrying now'} (attempt {link.attempt}).
      <button type="button" className="button button-small" onClick={onRetry}>
        Retry now
      </button>
    </div>
  );
}

export function Toasts() {
  const toasts = useConsole((s) => s.toasts);
  return (
    <div className="toasts" aria-live="assertive">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'}>
          <span>{t.text}</span>

          <button type="button" className="link-button" onClick={() => dismissToast(t.id)} aria-label="Dismiss">
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}

const KEY_NAMES: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', Delete: 'Del', Escape: 'Esc', Insert: 'Ins', 'Control+z': 'Ctrl+Z' };

export function ShortcutsDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => dialog.current?.showModal(), []);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="shortcuts-title" onCancel={() => openDialog(null)}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <p className="field-hint">Single keys work anywhere except while typing in a field. Esc leaves a field.</p>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.label}>
              <td>
                {s.keys.map((k) => (
                  <kbd key={k}>{KEY_NAMES[k] ?? k.toUpperCase()}</kbd>
                ))}
              </td>
              <td>{s.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" className="button button-primary" autoFocus onClick={() => openDialog(null)}>
          Close
        </button>
      </div>
    </dialog>
  );
}
