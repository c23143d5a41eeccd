import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SettingsView } from '../../../shared/protocol/entities';
import { playNewCallerTone, setSoundOn, soundOn } from '../state/cues';
import { FORM, SHOWN, SWITCHED_ADDRESSES, changesFrom, draftFrom, specOf, type Draft } from '../state/settings-form';
import { clearScp, saveScp, scpSize } from '../state/scp';
import { actions, openDialog, useConsole } from '../state/store';

/** A setting's input, labelled and explained as the settings table says (`hint` when the screen knows better). */
function Field({ name, hint, view, draft, setDraft }: { name: string; hint?: string; view: SettingsView; draft: Draft; setDraft: (d: Draft) => void }) {
  const spec = specOf(name);
  const numeric = spec.textForm === 'integer';
  return (
    <label className="field">
      <span className="field-label">{spec.label ?? name}</span>
      <input
        name={name}
        type={spec.secret ? 'password' : 'text'}
        inputMode={numeric ? 'numeric' : undefined}
        value={draft[name] ?? ''}
        disabled={view.locked.includes(name)}
        autoComplete="off"
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
      />
      <FieldHint name={name} hint={hint ?? spec.hint} view={view} />
    </label>
  );
}

/** A setting that is an address behind a switch (rig control, the UDP log feed): switching on fills in the usual one. */
function AddressSwitch({ which, view, draft, setDraft }: { which: (typeof SWITCHED_ADDRESSES)[number]; view: SettingsView; draft: Draft; setDraft: (d: Draft) => void }) {
  const locked = view.locked.includes(which.key);
  const spec = specOf(which.key);
  return (
    <div className="field field-toggle">
      <label className="field-label">
        <input
          name={which.switch}
          type="checkbox"
          checked={draft[which.switch] === 'on'}
          disabled={locked}
          onChange={(e) => setDraft({ ...draft, [which.switch]: e.target.checked ? 'on' : 'off', [which.key]: draft[which.key] || which.usual })}
        />{' '}
        {spec.label}
      </label>
      {draft[which.switch] === 'on' && (
        <input
          name={which.key}
          aria-label={which.addressLabel}
          value={draft[which.key] ?? ''}
          disabled={locked}
          autoComplete="off"
          onChange={(e) => setDraft({ ...draft, [which.key]: e.target.value })}
        />
      )}
      <FieldHint name={which.key} hint={spec.hint} view={view} />
    </div>
  );
}

/** An on/off setting; the draft holds "on" or "off". */
function Toggle({ name, view, draft, setDraft }: { name: string; view: SettingsView; draft: Draft; setDraft: (d: Draft) => void }) {
  const { label, hint } = specOf(name);
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
    const changes = changesFrom(draft, view, SHOWN);
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
              {FORM.pileup.map((name) => (
                <Field key={name} name={name} {...{ view, draft, setDraft }} />
              ))}
            </fieldset>
            <ThisConsole />
            <fieldset>
              <legend>Station (written into every QSO)</legend>
              {FORM.station.map((name) => (
                <Field key={name} name={name} {...{ view, draft, setDraft }} />
              ))}
              {SWITCHED_ADDRESSES.map((which) => (
                <AddressSwitch key={which.key} which={which} {...{ view, draft, setDraft }} />
              ))}
            </fieldset>
            <BanList />
            <fieldset>
              <legend>Operator login (for a browser on the LAN)</legend>
              <div className="field">
                <span className="field-label">Username</span>
                <code className="field-value">{view.values.admin_username}</code>
              </div>
              <SecretValue label="Current password" value={view.values.admin_password} testId="admin-password" />
              <Field name="admin_password" {...{ view, draft, setDraft }} />
            </fieldset>
            <fieldset>
              <legend>QRZ.com lookups</legend>
              <Field name="qrz_username" {...{ view, draft, setDraft }} />
              <Field name="qrz_password" hint={view.values.qrz_password_set ? 'Set; leave blank to keep.' : 'Not set.'} {...{ view, draft, setDraft }} />
            </fieldset>
            <fieldset>
              <legend>Network</legend>
              <Field name="port" hint={`Running on ${view.running.port}. Applies at the next start.`} {...{ view, draft, setDraft }} />
              <Field name="status_port" hint={`Running on ${view.running.status_port}. Applies at the next start.`} {...{ view, draft, setDraft }} />
              <Toggle name="discovery" {...{ view, draft, setDraft }} />
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
