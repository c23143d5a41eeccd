import { useState, type FormEvent } from 'react';

export function LoginForm({ message, onSubmit }: { message: string | null; onSubmit: (username: string, password: string) => void }) {
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password) onSubmit(username.trim(), password);
  };
  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="brand brand-large">PB</div>
        <h1 id="login-title">Pileup Buster</h1>
        <p className="field-hint">Operator console. Sign in with the admin login the server printed at start-up (or from Settings on the desktop app).</p>
        <label className="field">
          <span className="field-label">Username</span>
          <input name="username" value={username} autoComplete="username" onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">Password</span>
          <input name="password" type="password" value={password} autoComplete="current-password" autoFocus onChange={(e) => setPassword(e.target.value)} />
        </label>
        {message && (
          <p className="form-error" role="alert">
            {message}
          </p>
        )}
        <button type="submit" className="button button-primary button-big" disabled={!password}>
          Sign in
        </button>
      </form>
    </main>
  );
}
