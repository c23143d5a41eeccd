/**
 * What a refused request means, in the caller's language. The server's own message is English;
 * the codes and their details (the ban's reason, the cooldown's minutes) are the same everywhere,
 * so the page says them itself. A code it does not know keeps the server's words.
 */
import type { TFunction } from 'i18next';
import { PileupRequestError } from '../../../shared/client/pileup-client';

export function errorText(error: unknown, t: TFunction, callsign: string): string {
  if (!(error instanceof PileupRequestError)) return error instanceof Error ? error.message : String(error);
  const details = (error.reply?.details ?? {}) as Record<string, unknown>;
  switch (error.code) {
    case 'DISCONNECTED':
    case 'TIMEOUT':
      return t('errors.noAnswer');
    case 'SYSTEM_INACTIVE':
      return t('errors.notOnAir');
    case 'REGISTRATION_PAUSED':
      return t('errors.paused');
    case 'BANNED':
      return bannedText(t, callsign, typeof details.reason === 'string' ? details.reason : '');
    case 'COOLDOWN':
      if (typeof details.worked_at === 'string' && typeof details.minutes === 'number') {
        return t('errors.cooldown', { callsign, time: `${details.worked_at.slice(11, 16)}Z`, minutes: details.minutes });
      }
      return error.message;
    case 'DUPLICATE_CALLSIGN':
      return t('errors.duplicate', { callsign });
    case 'QUEUE_FULL':
      return t('errors.full');
    case 'RATE_LIMITED':
      return t('errors.tooFast');
    default:
      return error.message;
  }
}

export function bannedText(t: TFunction, callsign: string, reason: string): string {
  return reason ? t('outcome.bannedReason', { callsign, reason }) : t('outcome.banned', { callsign });
}
