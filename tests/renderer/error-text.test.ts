/** Refusals in the caller's language, from the error code and its details (the server speaks English). */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { PileupRequestError } from '../../src/shared/client/pileup-client.js';
import { MESSAGES } from '../../src/renderer/src/i18n/messages.js';
import { errorText } from '../../src/renderer/src/station/error-text.js';

const i18n = i18next.createInstance();
void i18n.init({ lng: 'en', initAsync: false, interpolation: { escapeValue: false }, resources: Object.fromEntries(Object.entries(MESSAGES).map(([code, translation]) => [code, { translation }])) });

function refusal(code: string, message: string, details?: Record<string, unknown>): PileupRequestError {
  return new PileupRequestError(code as never, message, { type: 'response', id: 1, success: false, error: message, error_code: code, error_message: message, details, timestamp: '' } as never);
}

describe('error text', () => {
  it('says a cooldown with the time worked (UTC) and the minutes left', () => {
    const error = refusal('COOLDOWN', 'G4ABC was worked at 08:02Z; it may register again in 12 min', { callsign: 'G4ABC', worked_at: '2026-12-02T08:02:31.000Z', minutes: 12 });
    expect(errorText(error, i18n.getFixedT('en'), 'G4ABC')).toBe('G4ABC was worked at 08:02Z; you may join again in 12 min.');
    expect(errorText(error, i18n.getFixedT('de'), 'G4ABC')).toBe('G4ABC wurde um 08:02Z gearbeitet; erneut anmelden in 12 min.');
  });

  it('says a ban with the operator’s reason, or without one', () => {
    expect(errorText(refusal('BANNED', 'x', { callsign: 'G4ABC', reason: 'Calling over the DX' }), i18n.getFixedT('es'), 'G4ABC')).toBe('El operador ha vetado a G4ABC en este pile-up: «Calling over the DX»');
    expect(errorText(refusal('BANNED', 'x', { callsign: 'G4ABC', reason: '' }), i18n.getFixedT('en'), 'G4ABC')).toBe('The operator has banned G4ABC from this pileup.');
  });

  it('keeps the server’s words for a code it does not know, and for a cooldown without its facts (an older server)', () => {
    expect(errorText(refusal('VALIDATION_ERROR', 'callsign is too long'), i18n.getFixedT('ja'), 'X')).toBe('callsign is too long');
    expect(errorText(refusal('COOLDOWN', 'wait 5 min'), i18n.getFixedT('ja'), 'X')).toBe('wait 5 min');
  });

  it('says a lost connection plainly', () => {
    expect(errorText(new PileupRequestError('DISCONNECTED', 'socket closed'), i18n.getFixedT('fr'), 'X')).toBe('Pas de réponse du serveur. Réessayez dans un instant.');
  });
});
