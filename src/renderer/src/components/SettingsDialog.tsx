import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SettingsChanges, SettingsView } from '../../../shared/protocol/entities';
import { playNewCallerTone, setSoundOn, soundOn } from '../state/cues';
import { clearScp, saveScp, scpSize } from '../state/scp';
import { actions, openDialog, useConsole } from '../state/store';

type Draft = Record<string, string>;

/** Where Hamlib's rigctld listens unless told otherwise: what switching rig control on fills in. */
const DEFAULT_RIGCTLD = '127.0.0.1:4532';

function draftFrom(view: SettingsView): Draft {
  const v = view.values;
  return {
    max_queue_size: String(v.max_queue_size),
    cooldown_minutes: String(v.cooldown_minutes),
    min_qso_seconds: String(v.min_qso_seconds),
    drop_absent_minutes: String(v.drop_absent_minutes),
    station_callsign: v.station_callsign ?? '',
    operator: v.operator ?? '',
    my_grid: v.my_grid ?? '',
    rig_follow: v.rigctld ? 'on' : 'off',
    rigctld: v.rigctld ?? DEFAULT_RIGCTLD,
    websocket_max_connections: String(v.websocket_max_connections),
    port: String(v.port),
    status_port: String(v.status_port),
    admin_password: '',
    qrz_username: v.qrz_username ?? '',
    qrz_password: '',
    discovery: v.discovery ? 'on' : 'off'
  };
}

/** Only what the operator changed is sent; blank secret fields mean "keep the current one". */
function changesFrom(draft: Draft, view: SettingsView): SettingsChanges | string {
  const changes: SettingsChanges = {};
  const numbers = ['max_queue_size', 'cooldown_minutes', 'min_qso_seconds', 'drop_absent_minutes', 'websocket_max_connections', 'port', 'status_port'] as const;
  for (const key of numbers) {
    const text = draft[key]!.trim();
    if (text === String(view.values[key])) continue;
    if (!/^\d+$/.test(text)) return `${key.replace(/_/g, ' ')} must be a whole number`;
    changes[key] = Number(text);
  }
  for (const key of ['station_callsign', 'operator', 'my_grid'] as const) {
    const text = draft[key]!.trim();
    if (text !== (view.values[key] ?? '')) changes[key] = text || null;
  }
  const rigctld = draft.rig_follow === 'on' ? draft.rigctld!.trim() || DEFAULT_RIGCTLD : null;
  if (rigctld !== view.values.rigctld) changes.rigctld = rigctld;
  if (draft.admin_password) changes.admin_password = draft.admin_password;
  const qrzUser = draft.qrz_username!.trim();
  if (qrzUser !== (view.values.qrz_username ?? '')) changes.qrz_username = qrzUser || null;
  if (draft.qrz_password) changes.qrz_password = draft.qrz_password;
  const discovery = draft.discovery === 'on';
  if (discovery !== view.values.discovery) changes.discovery = discovery;
  return changes;
}

function Field({
  name,
  label,
  hint,
  view,
  draft,
  setDraft,
  type = 'text',
  inputMode
}: {
  name: string;
  label: string;
  hint?: string;
  view: SettingsView;
  draft: Draft;
  setDraft: (d: Draft) => void;
  type?: string;
  inputMode?: 'numeric';
}) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        name={name}
        type={type}
        inputMode={inputMode}
        value={draft[name] ?? ''}
        disabled={view.locked.includes(name)}
        autoComplete="off"
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
      />
      <FieldHint {...{ name, hint, view }} />
    </label>
  );
}

/** Rig control: a switch, and the rigctld address it uses (the usual local one unless changed). */
function RigControl({ view, draft, setDraft }: { view: SettingsView; draft: Draft; setDraft: (d: Draft) => void }) {
  const locked = view.locked.includes('rigctld');
  return (
    <div className="field field-toggle">
      <label className="field-label">
        <input
          name="rig_follow"
          type="checkbox"
          checked={draft.rig_follow === 'on'}
          disabled={locked}
          onChange={(e) => setDraft({ ...draft, rig_follow: e.target.checked ? 'on' : 'off', rigctld: draft.rigctld || DEFAULT_RIGCTLD })}
        />{' '}
        Follow the radio (Hamlib rigctld)
      </label>
      {draft.rig_follow === 'on' && (
        <input
          name="rigctld"
          aria-label="rigctld address"
          value={draft.rigctld ?? ''}
          disabled={locked}
          autoComplete="off"
          onChange={(e) => setDraft({ ...draft, rigctld: e.target.value })}
        />
      )}
      <FieldHint name="rigctld" hint="Frequency, mode and split follow the radio. host:port of rigctld; 127.0.0.1:4532 is the usual." view={view} />
    </div>
  );
}

/** An on/off setting; the draft holds "on" or "off". */
function Toggle({ name, label, hint, view, draft, setDraft }: { name: string; label: string; hint: string; view: SettingsView; draft: Draft; setDraft: (d: Draft) => void }) {
  return (
    <label className="field field-toggle">
      <span className="field-label">
        <input
          name={name}
          type="checkbox"
          checked={draft[name] === 'on'}
          disabled={view.locked.includes(name)}
          onChange={(e) => setDraft({ ...draft, [name]: e.target.checked ? 'on' : 'off' })}
        />{' '}
        {label}
      </span>
      <FieldHint {...{ name, hint, view }} />
    </label>
  );
}

function FieldHint({ name, hint, view }: { name: string; hint?: string; view: SettingsView }) {
  const locked = view.locked.includes(name);
  const later = view.restart_required.includes(name);
  return <span className="field-hint">{locked ? 'Fixed by the command line or environment.' : later ? 'Saved; applies at the next start.' : hint}</span>;
}

/** A secret the operator may need to read out (to sign in elsewhere, to set up a monitor): hidden until asked. */
function SecretValue({ label, value, testId }: { label: string; value: string; testId: string }) {
  const [shown, setShown] = useState(false);
  return (
    <div className="field">
      <span className="field-label">{label}</span>
      <span className="field-value">
        <code data-testid={testId}>{shown ? value : '••••••••••••'}</code>{' '}
        <button type="button" className="link-button" onClick={() => setShown(!shown)}>
          {shown ? 'Hide' : 'Show'}
        </button>
      </span>
    </div>
  );
}

/** Preferences kept in this browser: they belong to the operator at this screen, not the server. */
function ThisConsole() {
  const [sound, setSound] = useState(soundOn);
  const [scpCount, setScpCount] = useState(scpSize);
  const [scpProblem, setScpProblem] = useState<string | null>(null);
  return (
    <fieldset>
      <legend>This console</legend>
      <label className="field field-toggle">
        <span className="field-label">
          <input
            type="checkbox"
            checked={sound}
            onChange={(e) => {
              setSoundOn(e.target.checked);
              setSound(e.target.checked);
              if (e.target.checked) playNewCallerTone();
            }}
          />{' '}
          Tone for a new caller
        </span>
        <span className="field-hint">A short, quiet beep when a station joins the queue. Applies now.</span>
      </label>
      <div className="field">
        <span className="field-label">Super check partial (MASTER.SCP)</span>
        <span className="field-value">
          <label className="button button-small file-button">
            Load file…
            <input
              type="file"
              accept=".scp,.txt,text/plain"
              aria-label="Load a MASTER.SCP file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (!file) return;
                void file.text().then((text) => {
                  const count = saveScp(text);
                  setScpCount(count);
                  setScpProblem(count === 0 ? 'No callsigns found in that file.' : null);
                }, (error: unknown) => setScpProblem(`Could not read the file: ${String(error)}`));
              }}
            />
          </label>
          {scpCount > 0 && (
            <button type="button" className="link-button" onClick={() => (clearScp(), setScpCount(0))}>
              Forget
            </button>
          )}
        </span>
        <span className="field-hint" data-testid="scp-count">
          {scpProblem ?? (scpCount > 0 ? `${scpCount.toLocaleString('en-US')} callsigns; the call entry suggests them.` : 'None loaded. Get MASTER.SCP from supercheckpartial.com.')}
        </span>
      </div>
    </fieldset>
  );
}

function BanList() {
  const bans = useConsole((s) => s.bans);
  useEffect(() => void actions.loadBans(), []);
  return (
    <fieldset className="ban-list">
      <legend>Banned stations</legend>
      {bans.length === 0 ? (
        <p className="field-hint">Nobody is banned. Press B on a station in the queue to ban it.</p>
      ) : (
        <ul>
          {bans.map((ban) => (
            <li key={ban.callsign}>
              <code>{ban.callsign}</code> <span className="field-hint">{ban.reason || 'no reason given'}</span>{' '}
              <button type="button" className="link-button" onClick={() => void actions.unban(ban.callsign)}>
                Lift ban
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

export function SettingsDialog() {
  const view = useConsole((s) => s.settings);
  const saving = useConsole((s) => Boolean(s.busy['settings-save']));
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    void actions.loadSettings();
    dialog.current?.showModal();
  }, []);
  useEffect(() => {
    if (view) setDraft(draftFrom(view));
  }, [view]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!view || !draft) return;
    const changes = changesFrom(draft, view);
    if (typeof changes === 'string') {
      setProblem(changes);
      return;
    }
    setProblem(null);
    if (Object.keys(changes).length === 0) {
      openDialog(null);
      return;
    }
    if (await actions.saveSettings(changes)) openDialog(null);
  };

  return (
    <dialog ref={dialog} className="dialog settings-dialog" aria-labelledby="settings-title" onCancel={() => openDialog(null)}>
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="settings-title">Settings</h2>
        {!view || !draft ? (
          <p>Loading…</p>
        ) : (
          <>
            <fieldset>
              <legend>Pileup</legend>
              <Field name="max_queue_size" label="Queue size" hint="Stations waiting at once. Applies now." inputMode="numeric" {...{ view, draft, setDraft }} />
              <Field name="cooldown_minutes" label="Cooldown (minutes)" hint="Before a worked station may register again; 0 for none." inputMode="numeric" {...{ view, draft, setDraft }} />
              <Field name="min_qso_seconds" label="Shortest QSO (seconds)" hint="A shorter QSO is logged only after you confirm; 0 for no check." inputMode="numeric" {...{ view, draft, setDraft }} />
              <Field name="drop_absent_minutes" label="Drop absent stations (minutes)" hint="Remove a queued station whose client has been gone this long (undoable); 0 never." inputMode="numeric" {...{ view, draft, setDraft }} />
              <Field name="websocket_max_connections" label="Max connections" hint="Clients connected at once. Applies now." inputMode="numeric" {...{ view, draft, setDraft }} />
            </fieldset>
            <ThisConsole />
            <fieldset>
              <legend>Station (written into every QSO)</legend>
              <Field name="station_callsign" label="My callsign" hint="STATION_CALLSIGN in the log." {...{ view, draft, setDraft }} />
              <Field name="operator" label="Operator" hint="Leave blank when it is my callsign." {...{ view, draft, setDraft }} />
              <Field name="my_grid" label="My grid" hint="For distances and beam headings, e.g. FN31." {...{ view, draft, setDraft }} />
              <RigControl {...{ view, draft, setDraft }} />
            </fieldset>
            <BanList />
            <fieldset>
              <legend>Operator login (for a browser on the LAN)</legend>
              <div className="field">
                <span className="field-label">Username</span>
                <code className="field-value">{view.values.admin_username}</code>
              </div>
              <SecretValue label="Current password" value={view.values.admin_password} testId="admin-password" />
              <Field name="admin_password" label="New password" hint="At least 8 characters; leave blank to keep." type="password" {...{ view, draft, setDraft }} />
            </fieldset>
            <fieldset>
              <legend>QRZ.com lookups</legend>
              <Field name="qrz_username" label="QRZ username" hint="Leave blank for no lookups." {...{ view, draft, setDraft }} />
              <Field
                name="qrz_password"
                label="QRZ password"
                hint={view.values.qrz_password_set ? 'Set; leave blank to keep.' : 'Not set.'}
                type="password"
                {...{ view, draft, setDraft }}
              />
            </fieldset>
            <fieldset>
              <legend>Network</legend>
              <Field name="port" label="Pileup port" hint={`Running on ${view.running.port}. Applies at the next start.`} inputMode="numeric" {...{ view, draft, setDraft }} />
              <Field name="status_port" label="Status stream port" hint="Applies at the next start." inputMode="numeric" {...{ view, draft, setDraft }} />
              <Toggle
                name="discovery"
                label="Announce this server on the LAN"
                hint="Station software finds it by itself (DNS-SD). Applies at the next start."
                {...{ view, draft, setDraft }}
              />
            </fieldset>
            <fieldset>
              <legend>Monitoring</legend>
              <div className="field">
                <span className="field-label">Status stream</span>
                <span className="field-value">
                  <code>port {view.running.status_port}</code>
                </span>
              </div>
              <SecretValue label="Status key" value={view.values.status_key} testId="status-key" />
            </fieldset>
            <p className="field-hint">Data folder: <code>{view.data_dir}</code></p>
          </>
        )}
        {problem && (
          <p className="form-error" role="alert">
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => openDialog(null)}>
            Cancel <kbd>Esc</kbd>
          </button>
          <button type="submit" className="button button-primary" disabled={saving || !draft}>
            Save
          </button>
        </div>
      </form>
    </dialog>
  );
}
