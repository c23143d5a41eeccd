/**
 * One handler per entry of the operation table. Parameters arrive already validated against
 * the table's schema; handlers throw ProtocolError for expected failures.
 */
import { SESSION_MESSAGES, SESSION_MESSAGE_NAMES } from '../../../shared/protocol/session-messages.js';
import {
  OPERATIONS,
  OPERATION_NAMES,
  PROTOCOL_VERSION,
  SERVER_NAME,
  type OperationName,
  type OperationParams,
  type OperationResult
} from '../../../shared/protocol/operations.js';
import { ERROR_CODES, ProtocolError } from '../../../shared/protocol/errors.js';
import { EVENT_NAMES } from '../../../shared/protocol/events.js';
import { nowIso } from '../../../shared/protocol/messages.js';
import { APP_VERSION } from '../app-info.js';
import type { PileupService } from '../pileup/pileup-service.js';
import { logToAdif } from '../log/adif.js';
import { logToCsv } from '../log/csv.js';
import { bandOf, parseFrequency } from '../../../shared/ham/frequency.js';
import { parseSplit } from '../../../shared/ham/split.js';
import type { SettingsService } from '../settings-service.js';
import type { Telemetry } from '../monitoring/telemetry.js';
import type { RigLink } from '../rig/rig-link.js';
import type { ImportReport, LogImports } from '../log/log-imports.js';
import type { StatusDocument } from '../../../shared/protocol/entities.js';

export interface Session {
  readonly id: string;
  /** A connection that lasts (WebSocket), whose closing the pileup hears of; false for an HTTP request. */
  readonly lasting: boolean;
  authenticated: boolean;
  username: string | null;
}

/** What handlers may see of the server beyond the pileup itself. */
export interface ServerFacts {
  startedAt: Date;
  connections(): { total: number; authenticated: number };
  websocketUrls(): string[];
  consoleUrls(): string[];
  stationPageUrls(): string[];
  features: Record<string, unknown>;
}

export interface OperationContext {
  session: Session;
  pileup: PileupService;
  settings: SettingsService;
  server: ServerFacts;
  telemetry: Telemetry;
  /** The status stream's current document, built from the same counters. */
  monitoring: () => Promise<StatusDocument>;
  rig: RigLink;
  /** ADIF imports being read. */
  imports: LogImports;
}

/** Everything an operation may use except who is asking: shared by every transport. */
export type OperationServices = Omit<OperationContext, 'session'>;

export type Handler<O extends OperationName> = (
  params: OperationParams<O>,
  context: OperationContext
) => Promise<OperationResult<O>> | OperationResult<O>;

const operatorOf = (context: OperationContext) => context.session.username ?? 'admin';

/** An import's report with one sentence that says it. */
function reported(report: ImportReport): ImportReport & { message: string } {
  const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
  const parts = [`${count(report.imported, 'QSO', 'QSOs')} imported`];
  if (report.already_in_log > 0) parts.push(`${report.already_in_log.toLocaleString('en-US')} already in the log`);
  if (report.skipped_count > 0) parts.push(`${count(report.skipped_count, 'record', 'records')} skipped`);
  return { ...report, message: `${parts.join(', ')}.` };
}
const requesterOf = (context: OperationContext) => ({ connectionId: context.session.lasting ? context.session.id : null });

export function uptimeSeconds(startedAt: Date): number {
  return Math.round((Date.now() - startedAt.getTime()) / 100) / 10;
}

export function formatUptime(seconds: number): string {
  const s = Math.floor(seconds);
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const parts = [days ? `${days}d` : '', days || hours ? `${hours}h` : '', days || hours || minutes ? `${minutes}m` : '', `${s % 60}s`];
  return parts.filter(Boolean).join(' ');
}

export const HANDLERS: { [O in OperationName]: Handler<O> } = {
  'public.get_status': (_params, { pileup }) => ({ active: pileup.isActive }),
  'public.get_frequency': (_params, { pileup }) => pileup.getFrequency(),
  'public.get_split': (_params, { pileup }) => pileup.getSplit(),
  'public.get_snapshot': (_params, { pileup }) => pileup.snapshot(),

  'queue.register': async ({ callsign }, context) => {
    const { entry, leaveToken } = await context.pileup.register(callsign, requesterOf(context));
    return { message: 'Callsign registered successfully', entry, leave_token: leaveToken };
  },
  'queue.leave': async ({ callsign, token }, { pileup }) => ({
    message: `${callsign} left the queue`,
    removed: await pileup.leave(callsign, token)
  }),
  'queue.here': async ({ callsign, token }, context) => ({
    message: `${callsign} is here`,
    entry: await context.pileup.here(callsign, token, requesterOf(context))
  }),
  'queue.list': (_params, { pileup }) => pileup.getQueue(),
  'queue.get_status': ({ callsign }, { pileup }) => {
    const entry = pileup.findEntry(callsign);
    if (!entry) throw new ProtocolError('NOT_FOUND', `${callsign} is not in the queue`);
    return entry;
  },

  'admin.get_queue': (_params, { pileup }) => ({ ...pileup.getQueue(), admin: true as const }),
  'admin.clear_queue': async (_params, { pileup }) => {
    const cleared = await pileup.clearQueue();
    return { message: 'Queue cleared successfully', cleared_count: cleared };
  },
  'admin.remove_callsign': async ({ callsign }, { pileup }) => ({
    message: `${callsign} removed from the queue`,
    removed: await pileup.removeCallsign(callsign)
  }),
  'admin.restore_callsign': async ({ callsign }, { pileup }) => {
    const restored = await pileup.restoreCallsign(callsign);
    return { message: `${callsign} is back in the queue at #${restored.position}`, restored };
  },
  'admin.next_qso': async ({ check_duration }, context) => {
    const { completed, current } = await context.pileup.nextQso(operatorOf(context), { checkDuration: check_duration });
    const message = current
      ? `Now working ${current.callsign}`
      : completed
        ? `Logged ${completed.callsign}; the queue is empty`
        : 'The queue is empty';
    return { message, current_qso: current, completed_qso: completed };
  },
  'admin.work_callsign': async ({ callsign, check_duration }, context) => {
    const { completed, current } = await context.pileup.nextQso(operatorOf(context), { callsign, checkDuration: check_duration });
    return { message: `Now working ${callsign}`, current_qso: current!, completed_qso: completed };
  },
  'admin.work_heard': async ({ callsign, check_duration }, context) => {
    const { completed, current, fromQueue } = await context.pileup.workHeard(operatorOf(context), callsign, { checkDuration: check_duration });
    const logged = completed ? `Logged ${completed.callsign}; now` : 'Now';
    return { message: `${logged} working ${callsign}${fromQueue ? ' from the queue' : ', heard on the air'}`, current_qso: current, completed_qso: completed, from_queue: fromQueue };
  },
  'admin.update_current_qso': async ({ id, ...edits }, { pileup }) => {
    const changes = Object.fromEntries(Object.entries(edits).filter(([, value]) => value !== undefined));
    const current = await pileup.updateCurrentQso(id, changes);
    return { message: `QSO with ${current.callsign} updated`, current_qso: current };
  },
  'admin.check_call': ({ partial }, { pileup }) => pileup.checkCall(partial),
  'admin.cancel_qso': async ({ requeue }, { pileup }) => {
    const { cancelled, requeued } = await pileup.cancelQso(requeue);
    const message = !cancelled
      ? 'No QSO in progress'
      : requeued
        ? `QSO with ${cancelled.callsign} cancelled; back at the head of the queue`
        : `QSO with ${cancelled.callsign} cancelled`;
    return { message, cancelled, requeued };
  },
  'admin.set_registration_paused': async ({ paused }, context) => ({
    ...(await context.pileup.setRegistrationPaused(paused, operatorOf(context))),
    message: paused ? 'Registration paused; the queue is kept' : 'Registration open again'
  }),
  'admin.ban_callsign': async ({ callsign, reason }, context) => {
    const { ban, removed } = await context.pileup.ban(callsign, reason, operatorOf(context));
    return { message: `${callsign} banned${removed ? ' and removed from the queue' : ''}`, ban, removed };
  },
  'admin.unban_callsign': async ({ callsign }, { pileup }) => ({ message: `${callsign} may register again`, ban: await pileup.unban(callsign) }),
  'admin.list_bans': (_params, { pileup }) => ({ bans: pileup.getBans() }),
  'admin.complete_qso': async ({ check_duration }, context) => {
    const completed = await context.pileup.completeQso(operatorOf(context), { checkDuration: check_duration });
    return {
      message: completed ? `QSO with ${completed.callsign} completed and logged` : 'No QSO in progress',
      completed_qso: completed
    };
  },
  'admin.undo_last_qso': async ({ id }, { pileup }) => {
    const { qso, resumed, requeued } = await pileup.undoLastQso(id);
    const where = resumed ? 'in QSO again' : requeued ? 'back at the head of the queue' : 'still in QSO or in the queue';
    return { message: `QSO with ${qso.callsign} taken out of the log; ${qso.callsign} is ${where}`, undone: qso, current_qso: resumed, requeued };
  },
  'admin.set_frequency': async ({ frequency, mode }, { pileup }) => {
    const parsed = parseFrequency(frequency);
    if (!parsed.ok) throw new ProtocolError('VALIDATION_ERROR', `frequency: ${parsed.reason}`);
    const state = await pileup.setFrequency({ hz: parsed.hz, mode });
    const display = state.frequency ?? '';
    const note = parsed.outOfBand ? ' (outside the amateur bands)' : '';
    return { ...state, message: `Frequency set to ${display}${state.band ? ` (${state.band})` : ''}${note}`, frequency: display, last_updated: state.last_updated ?? nowIso() };
  },
  'admin.set_mode': async ({ mode }, { pileup }) => {
    const state = await pileup.setMode(mode);
    return { ...state, message: `Mode set to ${mode}` };
  },
  'admin.delete_frequency': async (_params, { pileup }) => {
    await pileup.setFrequency(null);
    return { message: 'Frequency cleared' };
  },
  'admin.set_split': async ({ split }, { pileup }) => {
    const parsed = parseSplit(split, pileup.getFrequency().frequency_hz ?? null);
    if (!parsed.ok) throw new ProtocolError('VALIDATION_ERROR', `split: ${parsed.reason}`);
    const state = await pileup.setSplit(parsed.value);
    const display = state.split ?? '';
    return { message: `Split set to ${display}`, split: display, last_updated: state.last_updated ?? nowIso() };
  },
  'admin.delete_split': async (_params, { pileup }) => {
    await pileup.setSplit(null);
    return { message: 'Split cleared' };
  },
  'admin.set_system_status': async ({ active, log_current }, context) => {
    const status = await context.pileup.setActive(active, operatorOf(context), { logCurrent: log_current });
    const logged = status.logged_qso ? ` (the QSO with ${status.logged_qso.callsign} was logged first)` : '';
    return {
      ...status,
      message: active ? 'System activated: on the air, registration open' : `System deactivated: queue and current QSO cleared${logged}`
    };
  },
  'admin.set_rig_follow': async ({ follow }, { rig }) => ({
    ...(await rig.setFollowing(follow)),
    message: follow ? 'Following the radio' : 'Not following the radio; frequency and mode are set by hand'
  }),
  'admin.get_system_status': async (_params, { pileup, server, monitoring, rig }) => ({
    ...pileup.getSystemStatus(),
    snapshot: pileup.snapshot(),
    max_queue_size: pileup.getQueue().max_size,
    connections: server.connections(),
    server_start_time: server.startedAt.toISOString(),
    uptime_seconds: uptimeSeconds(server.startedAt),
    websocket_urls: server.websocketUrls(),
    console_urls: server.consoleUrls(),
    station_page_urls: server.stationPageUrls(),
    monitoring: await monitoring(),
    rig: rig.status(),
    turned_away: pileup.turnedAway()
  }),
  'admin.get_log': async ({ limit, search }, { pileup }) => {
    const stats = pileup.logStats();
    return { qsos: await pileup.recentQsos(limit, search || undefined), total: pileup.qsosLogged, last_hour: stats.last_hour, stats, last_export_at: await pileup.lastExportAt() };
  },
  'admin.update_qso': async ({ id, ...fields }, { pileup }) => {
    const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const qso = await pileup.updateQso(id, changes);
    return { message: `QSO with ${qso.callsign} updated`, qso };
  },
  'admin.delete_qso': async ({ id }, { pileup }) => {
    const deleted = await pileup.deleteQso(id);
    return { message: `QSO with ${deleted.callsign} deleted`, deleted };
  },
  'admin.restore_qso': async ({ qso }, { pileup }) => ({ message: `QSO with ${qso.callsign} restored`, qso: await pileup.restoreQso(qso) }),
  'admin.export_log': async ({ format, from, to, since_last_export }, { pileup }) => {
    if (from && to && from > to) throw new ProtocolError('VALIDATION_ERROR', `from ${from} is after to ${to}`);
    const { qsos, exportedAt, since } = await pileup.exportQsos({ from, to, sinceLastExport: since_last_export });
    // The name says what is in the file: the dates, or that it follows the last export.
    const stamp = exportedAt.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    const range = from || to ? `${from ?? 'start'}-to-${to ?? 'now'}` : since_last_export ? `since-last-export-${stamp}Z` : stamp + 'Z';
    const result = { count: qsos.length, exported_at: exportedAt, since };
    return format === 'csv'
      ? { ...result, filename: `pileup-log-${range}.csv`, content_type: 'text/csv; charset=utf-8', content: logToCsv(qsos) }
      : { ...result, filename: `pileup-log-${range}.adi`, content_type: 'text/plain; charset=us-ascii', content: logToAdif(qsos, { bandOf }) };
  },
  'admin.import_log': async ({ content, filename }, context) => {
    const owner = operatorOf(context);
    const { import_id } = context.imports.begin(filename ?? null, owner, context.session.id);
    context.imports.add(import_id, content, owner);
    return reported(await context.imports.commit(import_id, owner));
  },
  'admin.import_log_begin': ({ filename }, context) => context.imports.begin(filename ?? null, operatorOf(context), context.session.id),
  'admin.import_log_chunk': ({ import_id, data }, context) => context.imports.add(import_id, data, operatorOf(context)),
  'admin.import_log_commit': async ({ import_id }, context) => reported(await context.imports.commit(import_id, operatorOf(context))),
  'admin.import_log_cancel': ({ import_id }, context) => {
    context.imports.cancel(import_id, operatorOf(context));
    return { message: 'Import cancelled; nothing was added' };
  },
  'admin.get_settings': (_params, { settings }) => settings.view(),
  'admin.update_settings': async (changes, { settings }) => {
    const view = await settings.update(changes);
    const later = view.restart_required.length ? ` ${view.restart_required.join(', ')} will apply at the next start.` : '';
    return { ...view, message: `Settings saved.${later}` };
  },

  'system.ping': () => ({ pong: true as const, server_time: nowIso(), message: 'pong' }),
  'system.heartbeat': (_params, { server }) => {
    const seconds = uptimeSeconds(server.startedAt);
    return { heartbeat: true as const, server_time: nowIso(), uptime: formatUptime(seconds), uptime_seconds: seconds };
  },
  'system.info': (_params, { server }) => ({
    server: SERVER_NAME,
    version: APP_VERSION,
    protocol_version: PROTOCOL_VERSION,
    supported_operations: [...OPERATION_NAMES],
    operations: OPERATION_NAMES.map((name) => ({ name, access: OPERATIONS[name].access, summary: OPERATIONS[name].summary })),
    session_messages: SESSION_MESSAGE_NAMES.map((name) => ({ name, summary: SESSION_MESSAGES[name].summary })),
    events: [...EVENT_NAMES],
    error_codes: Object.keys(ERROR_CODES),
    features: server.features,
    station_page_urls: server.stationPageUrls()
  })
};
