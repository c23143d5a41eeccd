/**
 * The station's own registration, kept in the browser so a reload or a dropped connection does
 * not lose it: the callsign and the leave token the server gave when it joined.
 */
export interface Registration {
  callsign: string;
  token: string;
  /** The server instance it was made on; sequence numbers and queues do not survive restarts, tokens do. */
  registeredAt: string;
}

const KEY = 'pileup-buster.registration';

export function loadRegistration(): Registration | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Registration | null;
    return value && typeof value.callsign === 'string' && typeof value.token === 'string' ? value : null;
  } catch {
    return null;
  }
}

export function saveRegistration(registration: Registration | null): void {
  if (registration) localStorage.setItem(KEY, JSON.stringify(registration));
  else localStorage.removeItem(KEY);
}
