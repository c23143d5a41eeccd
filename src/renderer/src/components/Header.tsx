import { useEffect, useRef, useState } from 'react';
import { commands } from '../state/commands';
import { actions, useConsole } from '../state/store';
import { useNow } from '../hooks/useNow';
import { utcClock, utcDate } from '../lib/format';
import { Icon } from './Icons';

function OnAirSwitch() {
  const active = useConsole((s) => s.view?.system.active ?? false);
  const busy = useConsole((s) => Boolean(s.busy['on-air']));
  return (
    <button
      type="button"
      className={`on-air ${active ? 'is-on' : 'is-off'}`}
      role="switch"
      aria-checked={active}
      aria-label="On air"
      disabled={busy}
      onClick={commands.toggleOnAir}
      title="On air / off air (A)"
    >
      <span className="on-air-lamp" aria-hidden="true" />
      <span className="on-air-text">{active ? 'On air' : 'Off air'}</span>
      <kbd>A</kbd>
    </button>
  );
}

function PauseSwitch() {
  const active = useConsole((s) => s.view?.system.active ?? false);
  const paused = useConsole((s) => s.view?.system.registration_paused ?? false);
  const busy = useConsole((s) => Boolean(s.busy.pause));
  if (!active) return null;
  return (
    <button
      type="button"
      className={`pause-switch ${paused ? 'is-paused' : ''}`}
      role="switch"
      aria-checked={paused}
      aria-label="Registration paused"
      disabled={busy}
      onClick={commands.togglePause}
      title="Pause or resume registrations; the queue is kept (P)"
    >
      <span className="pause-long">{paused ? 'Registration paused' : 'Registration open'}</span>
      <span className="pause-short">{paused ? 'Reg. paused' : 'Reg. open'}</span>
      <kbd>P</kbd>
    </button>
  );
}

/**
 * An inline editor that shows the server's value and sends on Enter (or leaving the field with
 * a change); Escape restores. An empty value clears it.
 */
const TUNING: Record<'frequency' | 'split' | 'mode', { read: (s: ReturnType<typeof useConsole.getState>) => string | null | undefined; send: (value: string) => Promise<unknown> }> = {
  frequency: { read: (s) => s.view?.frequency.frequency, send: (v) => actions.setFrequency(v) },
  split: { read: (s) => s.view?.split.split, send: (v) => actions.setSplit(v) },
  mode: { read: (s) => s.view?.frequency.mode, send: (v) => (v.trim() ? actions.setMode(v) : Promise.resolve(null)) }
};

function TuningField({ field, label, placeholder, shortcut, className = '' }: { field: 'frequency' | 'split' | 'mode'; label: string; placeholder: string; shortcut: string; className?: string }) {
  const serverValue = useConsole((s) => TUNING[field].read(s) ?? '');
  const focusRequest = useConsole((s) => s.focusRequest);
  const busy = useConsole((s) => Boolean(s.busy[field]));
  const [draft, setDraft] = useState(serverValue);
  const [editing, setEditing] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!editing) setDraft(serverValue);
  }, [serverValue, editing]);

  useEffect(() => {
    if (focusRequest?.field !== field) return;
    input.current?.focus();
    input.current?.select();
    useConsole.setState({ focusRequest: null });
  }, [focusRequest, field]);

  const submit = async () => {
    setEditing(false);
    if (draft.trim() === serverValue) return;
    const done = await TUNING[field].send(draft);
    if (done === null) setDraft(serverValue);
  };

  return (
    <label className={`tuning ${className}`}>
      <span className="tuning-label">
        {label} <kbd>{shortcut}</kbd>
      </span>
      <input
        ref={input}
        className="tuning-input"
        value={draft}
        placeholder={placeholder}
        disabled={busy}
        spellCheck={false}
        autoComplete="off"
        onFocus={() => setEditing(true)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => void submit()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') {
            setDraft(serverValue);
            setEditing(false);
            requestAnimationFrame(() => input.current?.blur());
          }
        }}
      />
    </label>
  );
}

/** The band of the frequency in use, where the operator's eye already is. */
function BandTag() {
  const band = useConsole((s) => s.view?.frequency.band ?? null);
  if (!band) return null;
  return (
    <span className="band-tag" data-testid="band" aria-label={`Band ${band}`}>
      {band}
    </span>
  );
}

function RigBadge() {
  const rig = useConsole((s) => s.rig);
  if (!rig || rig.state === 'off') return null;
  const text =
    rig.state === 'connected'
      ? rig.following
        ? 'Following the radio'
        : 'Radio connected (not followed)'
      : rig.state === 'lost'
        ? `Radio lost${rig.retry_in_ms ? `, retrying in ${Math.ceil(rig.retry_in_ms / 1000)} s` : ''}`
        : 'Connecting to the radio…';
  return (
    <button
      type="button"
      className={`rig-badge rig-${rig.state} ${rig.following ? 'is-following' : ''}`}
      data-testid="rig-status"
      title={`${rig.address ?? ''}${rig.reason ? ` — ${rig.reason}` : ''}. Click to ${rig.following ? 'stop' : 'start'} following.`}
      onClick={() => void actions.setRigFollow(!rig.following)}
    >
      {text}
    </button>
  );
}

function UtcClock() {
  const now = new Date(useNow(1000));
  return (
    <div className="utc-clock" aria-label="UTC time">
      <span className="utc-time">{utcClock(now)}</span>
      <span className="utc-suffix">UTC</span>
      <span className="utc-date">{utcDate(now)}</span>
    </div>
  );
}

function LinkBadge() {
  const link = useConsole((s) => s.link);
  const label = link.kind === 'online' ? 'Connected' : link.kind === 'offline' ? 'Reconnecting' : link.kind === 'connecting' ? 'Connecting' : 'Signed out';
  return (
    <span className={`link-badge link-${link.kind}`} role="status" aria-label={`Server connection: ${label}`}>
      <span className="link-dot" aria-hidden="true" />
      {label}
    </span>
  );
}

export function Header() {
  return (
    <header className="header">
      <div className="brand" aria-label="Pileup Buster">
        PB
      </div>
      <OnAirSwitch />
      <PauseSwitch />
      <TuningField field="frequency" label="Frequency" placeholder="e.g. 14.205" shortcut="F" />
      <BandTag />
      <TuningField field="mode" label="Mode" placeholder="USB" shortcut="M" className="tuning-mode" />
      <TuningField field="split" label="Split" placeholder="e.g. up 5" shortcut="S" />
      <RigBadge />
      <div className="header-spacer" />
      <UtcClock />
      <LinkBadge />
      <button type="button" className="icon-button" onClick={commands.toggleTheme} title="Theme (T)" aria-label="Toggle theme">
        <Icon name="contrast" />
      </button>
      <button type="button" className="icon-button" onClick={commands.showShortcuts} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">
        <Icon name="keyboard" />
      </button>
      <button type="button" className="icon-button" onClick={commands.openSettings} title="Settings (,)" aria-label="Settings">
        <Icon name="gear" />
      </button>
    </header>
  );
}
