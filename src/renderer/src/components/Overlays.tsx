import { useEffect, useRef } from 'react';
import { useNow } from '../hooks/useNow';
import { SHORTCUTS } from '../state/commands';
import { dismissToast, openDialog, useConsole } from '../state/store';

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

const KEY_NAMES: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', Delete: 'Del', Backspace: '⌫', Escape: 'Esc' };

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
