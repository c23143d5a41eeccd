import { useEffect, useState } from 'react';
import type { ConsoleBootInfo } from '../../shared/console-boot';

/** Placeholder until the operator console lands: shows where the embedded server listens. */
export function App() {
  const [boot, setBoot] = useState<ConsoleBootInfo | null>(null);
  useEffect(() => {
    void window.pileup?.bootInfo().then(setBoot);
  }, []);
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
      <h1>Pileup Buster Desktop</h1>
      <p>The pileup server is running. Stations can connect at:</p>
      <ul>{boot?.lanUrls.map((url) => <li key={url}><code>{url}</code></li>) ?? <li>starting...</li>}</ul>
    </main>
  );
}
