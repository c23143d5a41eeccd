/**
 * The Pileup Buster client SDK: everything a station's or an operator's software needs to talk
 * to a pileup server. Browser-safe (no Node built-ins); in Node 20 pass the `ws` package's
 * WebSocket class as `WebSocketImpl`. See docs/sdk.md.
 *
 * - {@link PileupSession}: stays connected (reconnects with backoff, signs in again, keeps the
 *   pileup state current by sequence number). What most applications want.
 * - {@link PileupClient}: one connection, typed requests and events, nothing automatic.
 * - {@link PileupStateTracker} / {@link applyEventToSnapshot}: the sequence-number rules on their own.
 * - The protocol's names and types: operations, events, error codes and the records they carry.
 *
 * @module
 */
export {
  PileupClient,
  PileupRequestError,
  type AuthResult,
  type ClientOptions,
  type EventHandler,
  type RequestErrorCode,
  type RequestParams,
  type WebSocketConstructor,
  type WebSocketLike
} from './pileup-client.js';
export { PileupSession, backoffDelay, type BackoffOptions, type Credentials, type SessionOptions, type SessionStatus } from './pileup-session.js';
export { PileupStateTracker, applyEventToSnapshot, type ReceiveOutcome } from './pileup-state.js';

// --- the protocol: names and types ----------------------------------------------------------------
export {
  OPERATION_NAMES,
  PROTOCOL_VERSION,
  isOperationName,
  type Access,
  type OperationInput,
  type OperationName,
  type OperationParams,
  type OperationResult
} from '../protocol/operations.js';
export { EVENT_NAMES, type BroadcastEventName, type EventData, type EventName } from '../protocol/events.js';
export { applyQueueDelta, withQueueDeltas, QueueDeltaMismatch, type QueueDelta } from '../protocol/queue-delta.js';
export { ERROR_CODES, type ErrorCode } from '../protocol/errors.js';
export type { EventMessage, FailureReply, MessageId, PongMessage, ServerMessage, SuccessReply } from '../protocol/messages.js';
export type {
  CurrentQso,
  FrequencyState,
  LoggedQso,
  PileupSnapshot,
  QrzInfo,
  QsoLogPage,
  QueueEntry,
  QueueSnapshot,
  SettingsChanges,
  SettingsView,
  SplitState,
  SystemStatus
} from '../protocol/entities.js';
