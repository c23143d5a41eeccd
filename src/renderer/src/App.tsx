import { useCallback, useEffect, useRef } from 'react';
import { BanDialog } from './components/BanDialog';
import { CurrentQso } from './components/CurrentQso';
import { Header } from './components/Header';
import { LogDialog } from './components/LogDialog';
import { LoginForm } from './components/LoginForm';
import { ConfirmDialog, ConnectionBanner, ShortcutsDialog, Toasts, UndoBar } from './components/Overlays';
import { QueuePanel } from './components/QueuePanel';
import { SettingsDialog } from './components/SettingsDialog';
import { RecentQsos, ServerPanel } from './components/SidePanels';
import { MapPanel } from './components/MapPanel';
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts';
import { useOsDarkMode } from './hooks/useOsDarkMode';
import { MENU_HANDLERS } from './state/commands';
import { connectConsole } from './state/console-session';
import type { Credentials, SessionBinding } from './state/session-binding';
import { loadTheme, useConsole } from './state/store';

function useTheme(): void {
  const choice = useConsole((s) => s.theme);
  const osDark = useOsDarkMode();
  useEffect(() => {
    document.documentElement.dataset.theme = choice === 'system' ? (osDark ? 'dark' : 'light') : choice;
  }, [choice, osDark]);
}

/** One console for both hosts: the desktop app hands over a token; a browser signs in. */
function useConnection(): { signIn: (username: string, password: string) => void; retryNow: () => void } {
  const connection = useRef<SessionBinding | null>(null);

  const start = useCallback((url: string | undefined, credentials: Credentials) => {
    connection.current?.stop();
    connection.current = connectConsole(credentials, url);
  }, []);

  useEffect(() => {
    const bridge = window.pileup;
    if (bridge) {
      void bridge.bootInfo().then((boot) => start(boot.websocketUrl, { token: boot.operatorToken }));
      const off = bridge.onMenuCommand((command) => MENU_HANDLERS[command]?.());
      return () => {
        off();
        connection.current?.stop();
      };
    }
    useConsole.setState({ link: { kind: 'signed-out', message: null } });
    return () => connection.current?.stop();
  }, [start]);

  return {
    signIn: (username, password) => start(undefined, { username, password }),
    retryNow: () => connection.current?.retryNow()
  };
}

export function App() {
  useEffect(loadTheme, []);
  useTheme();
  const { signIn, retryNow } = useConnection();
  const link = useConsole((s) => s.link);
  // The session may deliver the welcome snapshot before sign-in completes: show the console only
  // once it can act, so a key pressed at first sight is never refused as "not connected".
  const hasView = useConsole((s) => s.view !== null && s.link.kind !== 'connecting');
  const dialog = useConsole((s) => s.dialog);
  const mapOpen = useConsole((s) => s.mapOpen);
  const banning = useConsole((s) => s.banning);
  useKeyboardShortcuts(hasView && link.kind !== 'signed-out');

  if (link.kind === 'signed-out') return <LoginForm message={link.message} onSubmit={signIn} />;
  if (!hasView) {
    return (
      <main className="login" data-testid="connecting">
        <div className="login-card">
          <div className="brand brand-large">PB</div>
          <p>{link.kind === 'offline' ? `Cannot reach the server (${link.reason}). Retrying…` : 'Connecting to the pileup server…'}</p>
        </div>
      </main>
    );
  }
  return (
    <div className="console" data-testid="console-root">
      <Header />
      <ConnectionBanner onRetry={retryNow} />
      <main className={`console-main ${mapOpen ? 'map-open' : ''}`}>
        <div className="column-main">
          <CurrentQso />
          <QueuePanel />
        </div>
        <aside className={`column-side ${mapOpen ? 'with-map' : ''}`}>
          {mapOpen ? <MapPanel /> : <RecentQsos />}
          <ServerPanel />
        </aside>
      </main>
      {dialog === 'settings' && <SettingsDialog />}
      {dialog === 'shortcuts' && <ShortcutsDialog />}
      {dialog === 'log' && <LogDialog />}
      {banning && <BanDialog key={banning} callsign={banning} />}
      <ConfirmDialog />
      <UndoBar />
      <Toasts />
    </div>
  );
}
