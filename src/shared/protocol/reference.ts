/**
 * Renders docs/protocol.md from the operation, event and error tables, so the reference can
 * never disagree with the code. Types are shown in TypeScript notation; records used in several
 * places (QueueEntry, PileupSnapshot, ...) are named and described once.
 */
import { z } from 'zod';
import {
  currentQsoSchema,
  frequencyStateSchema,
  loggedQsoSchema,
  pileupSnapshotSchema,
  qrzInfoSchema,
  qsoLogPageSchema,
  queueEntrySchema,
  queueSnapshotSchema,
  settingsChangesSchema,
  settingsViewSchema,
  splitStateSchema,
  statusDocumentSchema,
  systemStatusSchema
} from './entities.js';
import {
  CONSOLE_PATH,
  DEFAULT_PORT,
  EVENT_STREAM_PATH,
  HEALTH_PATH,
  MAX_FRAME_BYTES,
  MAX_HTTP_BODY_BYTES,
  METRICS_PATH,
  SEND_BUFFER_CAP_BYTES,
  SSE_KEEPALIVE_MS,
  STATION_PAGE_PATH,
  WEBSOCKET_PATH,
  sizeText
} from './endpoints.js';
import { ERROR_CODES, ERROR_HTTP_STATUS, type ErrorCode } from './errors.js';
import { EVENTS, EVENT_NAMES } from './events.js';
import { OPERATIONS, OPERATION_NAMES, PROTOCOL_VERSION } from './operations.js';
import { SESSION_MESSAGES, SESSION_MESSAGE_NAMES, type SessionMessageName } from './session-messages.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON Schema documents are read freely here, key by key
type Json = { [key: string]: any };

const NAMED: Array<[string, z.ZodType]> = [
  ['QrzInfo', qrzInfoSchema],
  ['QueueEntry', queueEntrySchema],
  ['QueueSnapshot', queueSnapshotSchema],
  ['CurrentQso', currentQsoSchema],
  ['LoggedQso', loggedQsoSchema],
  ['SystemStatus', systemStatusSchema],
  ['FrequencyState', frequencyStateSchema],
  ['SplitState', splitStateSchema],
  ['PileupSnapshot', pileupSnapshotSchema],
  ['QsoLogPage', qsoLogPageSchema],
  ['SettingsView', settingsViewSchema],
  ['SettingsChanges', settingsChangesSchema],
  ['StatusDocument', statusDocumentSchema]
];

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

const namedByShape = new Map(NAMED.map(([name, schema]) => [JSON.stringify(jsonSchema(schema, 'output')), name]));

function typeOf(schema: Json, depth = 0): string {
  const named = depth > 0 ? namedByShape.get(JSON.stringify(schema)) : undefined;
  if (named) return named;
  if (schema.anyOf) return (schema.anyOf as Json[]).map((s) => typeOf(s, depth + 1)).join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return (schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : schema.type ? [schema.type as string] : [];
  if (types.length > 1) return types.map((t) => typeOf({ ...schema, type: t }, depth + 1)).join(' | ');
  switch (types[0]) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array': {
      const item = typeOf(schema.items ?? {}, depth + 1);
      return item.includes(' ') ? `Array<${item}>` : `${item}[]`;
    }
    case 'object': {
      if (!schema.properties) return 'object';
      const required = new Set((schema.required as string[] | undefined) ?? []);
      const fields = Object.entries(schema.properties as Record<string, Json>).map(
        ([key, value]) => `${key}${required.has(key) ? '' : '?'}: ${typeOf(value, depth + 1)}`
      );
      return fields.length ? `{ ${fields.join('; ')} }` : '{}';
    }
    default:
      return 'any';
  }
}

function constraints(schema: Json): string {
  const parts: string[] = [];
  // z.int() bounds every integer by the safe-integer range; only real limits are worth showing.
  if (schema.minimum !== undefined && schema.minimum !== Number.MIN_SAFE_INTEGER) parts.push(`min ${schema.minimum}`);
  if (schema.maximum !== undefined && schema.maximum !== Number.MAX_SAFE_INTEGER) parts.push(`max ${schema.maximum}`);
  if (schema.minLength !== undefined && schema.minLength > 1) parts.push(`at least ${schema.minLength} characters`);
  if (schema.maxLength !== undefined) parts.push(`at most ${schema.maxLength} characters`);
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  return parts.join(', ');
}

function fieldTable(schema: Json, io: 'params' | 'result'): string {
  const properties = schema.properties as Record<string, Json> | undefined;
  if (!properties || Object.keys(properties).length === 0) return io === 'params' ? 'None.\n' : `\`${typeOf(schema)}\`\n`;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const rows = Object.entries(properties).map(([key, value]) => {
    const limits = constraints(value);
    const notes = [limits && value.description ? value.description.replace(/\.$/, '') : value.description, limits].filter(Boolean).join('; ');
    return `| \`${key}\` | \`${typeOf(value, 1).replace(/\|/g, '\\|')}\` | ${required.has(key) ? 'yes' : 'no'} | ${notes} |`;
  });
  return ['| Field | Type | Required | Notes |', '|---|---|---|---|', ...rows].join('\n') + '\n';
}

const GENERIC_ERRORS: ErrorCode[] = ['INVALID_MESSAGE', 'UNKNOWN_OPERATION', 'INTERNAL_ERROR'];

function operationSection(name: (typeof OPERATION_NAMES)[number]): string {
  const spec = OPERATIONS[name];
  const errors: ErrorCode[] = [...(spec.access === 'admin' ? (['UNAUTHORIZED'] as ErrorCode[]) : []), ...spec.errors].filter(
    (code, i, all) => all.indexOf(code) === i
  );
  return [
    `### \`${name}\``,
    '',
    `${spec.summary}.`,
    '',
    `- Access: **${spec.access}**${spec.access === 'admin' ? ' (authenticate first)' : ''}`,
    `- HTTP: \`${spec.http.method} ${spec.http.path}\``,
    `- Events on success: ${spec.events.length ? spec.events.map((e) => `\`${e}\``).join(', ') : 'none'}`,
    `- Errors: ${errors.length ? errors.map((e) => `\`${e}\``).join(', ') : 'only the generic ones'}`,
    '',
    '**Parameters** (`data`)',
    '',
    fieldTable(jsonSchema(spec.params, 'input'), 'params'),
    '**Result** (`data` of the response)',
    '',
    fieldTable(jsonSchema(spec.result, 'output'), 'result')
  ].join('\n');
}

function sessionMessageSection(name: SessionMessageName): string {
  const spec = SESSION_MESSAGES[name];
  const data = jsonSchema(spec.data, 'input');
  const alternatives = (data.anyOf as Json[] | undefined) ?? [data];
  return [
    `### \`${name}\``,
    '',
    `${spec.summary}.`,
    '',
    `- Answer: ${spec.answer === 'pong' ? 'a message of type `pong`' : `a \`response\` with \`operation: "${name}"\``}`,
    `- Errors: ${spec.errors.length ? spec.errors.map((e) => `\`${e}\``).join(', ') : 'only the generic ones'}`,
    `- Example: \`${JSON.stringify(spec.example.request)}\` → \`${JSON.stringify(spec.example.answer)}\``,
    '',
    alternatives.length > 1 ? '**Data**, one of:' : '**Data**',
    '',
    ...alternatives.map((alternative) => (alternative.properties ? fieldTable(alternative, 'params') : 'Nothing needed.\n')),
    `**Result** (\`data\` of the ${spec.answer})`,
    '',
    fieldTable(jsonSchema(spec.result, 'output'), 'result')
  ].join('\n');
}

export function protocolReferenceMarkdown(): string {
  const out: string[] = [];
  out.push(
    '# Pileup Buster protocol reference',
    '',
    `Protocol version ${PROTOCOL_VERSION}. Generated from the operation, event and error tables in \`src/shared/protocol/\`` +
      ' by `npm run docs`; a test fails when this file is out of date. For a guided tour and the client SDK see `docs/sdk.md`.',
    '',
    '## Connecting',
    '',
    `- WebSocket endpoint: \`ws://HOST:PORT${WEBSOCKET_PATH}\` (port ${DEFAULT_PORT} by default). JSON text frames of at most ${sizeText(MAX_FRAME_BYTES)}; larger frames close the connection with 1009. A client that leaves ${sizeText(SEND_BUFFER_CAP_BYTES)} of events unread is disconnected.`,
    '- The server greets every connection with a `connected` event carrying the whole pileup state (`data.snapshot`).',
    '- Requests: `{"type":"request","id":"1","operation":"queue.list","data":{}}`. `id` and `timestamp` are optional; each request gets exactly one reply echoing its `id`.',
    '- Success: `{"type":"response","id":"1","operation":"queue.list","success":true,"data":{...},"timestamp":"..."}`.',
    '- Failure: `success: false` with `error` (human text), the same text in `error_message`, and `error_code` (below). An admin operation on a connection that has not authenticated, and input that is not a protocol message, are answered as `type: "error"`.',
    ...SESSION_MESSAGE_NAMES.map((name) => {
      const spec = SESSION_MESSAGES[name];
      return `- \`${name}\` ([below](#session-messages)): \`${JSON.stringify(spec.example.request)}\` → \`${JSON.stringify(spec.example.answer)}\`.`;
    }),
    '- Events: `{"type":"event","event":"queue_update","event_type":"queue_update","seq":12,"data":{...},"timestamp":"..."}`. `seq` rises by one per broadcast event; a client that sees a gap has missed events and can resync with `public.get_snapshot`. Sequence numbers restart when the server restarts (the snapshot\'s `instance_id` changes).',
    '',
    '## Operations',
    '',
    '| Operation | Access | HTTP route | What it does |',
    '|---|---|---|---|',
    ...OPERATION_NAMES.map((name) => {
      const spec = OPERATIONS[name];
      return `| [\`${name}\`](#${name.replace(/\./g, '')}) | ${spec.access} | \`${spec.http.method} ${spec.http.path}\` | ${spec.summary} |`;
    }),
    ''
  );
  for (const name of OPERATION_NAMES) out.push(operationSection(name));
  out.push('## Session messages', '', 'Messages with their own `type` instead of an operation. They work only over WebSocket.', '');
  for (const name of SESSION_MESSAGE_NAMES) out.push(sessionMessageSection(name));
  out.push('## Events', '');
  for (const name of EVENT_NAMES) {
    const spec = EVENTS[name];
    out.push(`### \`${name}\``, '', `${spec.summary}.${spec.broadcast ? '' : ' Sent only to the new connection.'}`, '', fieldTable(jsonSchema(spec.data, 'output'), 'result'));
  }
  out.push('## Records', '', 'Records that appear in several results and events.', '');
  for (const [name, schema] of NAMED) {
    // What clients send is shown as they may write it; what the server sends, as it does.
    const sent = schema === settingsChangesSchema;
    out.push(`### ${name}`, '', fieldTable(jsonSchema(schema, sent ? 'input' : 'output'), sent ? 'params' : 'result'));
  }
  out.push(
    '## HTTP API',
    '',
    '- Every operation above is also available at its HTTP route. Parameters come from the path (`{callsign}`, URL-encoded: `KH6%2FW1AW`), the query string (GET) and a JSON body (POST, DELETE).',
    '- Admin routes need HTTP Basic with the admin login; without it the answer is 401 with `WWW-Authenticate: Basic realm="Pileup Buster"`.',
    '- Success: 200 with the operation\'s result as the JSON body. Failure: the status below with `{"success": false, "error": "...", "error_code": "...", "detail": "..."}`.',
    `- HTTP request bodies are at most ${sizeText(MAX_HTTP_BODY_BYTES)}.`,
    `- \`GET ${EVENT_STREAM_PATH}\`: Server-Sent Events. The same event messages as the WebSocket, as \`event: <name>\`, \`id: <seq>\`, \`data: <event message JSON>\`; a \`connected\` event with the snapshot comes first, and a \`: keepalive\` comment every ${SSE_KEEPALIVE_MS / 1000} s.`,
    `- \`GET ${STATION_PAGE_PATH}\` is the station page; \`GET ${CONSOLE_PATH}\` is the operator console.`,
    '',
    '## Status stream (monitoring)',
    '',
    'A Hydrogen-compatible status stream runs on its own port (`--status-port` / `STATUS_PORT`, 5001 by default, trying 5002-5010 when taken).',
    '',
    '- WebSocket with subprotocol `hydrogen-protocol`; the key goes in `Authorization: Key <key>`, or `?key=<key>` for browsers. A missing or wrong key is refused at the handshake with HTTP 401.',
    '- A `StatusDocument` (above) is pushed on connect, every `STATUS_INTERVAL` seconds (5), and in reply to `{"type":"status"}`. During a graceful stop one last document says `shutting_down: true`, then the stream closes with 1001.',
    '- Errors: `{"error":{"code":"invalid_message","message":"...","details":{}}}` with codes `auth_failed`, `invalid_message`, `server_error`; a bad message never closes the stream.',
    `- On the main port: \`GET ${HEALTH_PATH}\` (liveness and readiness as JSON; 503 when not ready) and \`GET ${METRICS_PATH}\` (Prometheus text format).`,
    '',
    '## Error codes',
    '',
    '| Code | HTTP status | Meaning |',
    '|---|---|---|',
    ...(Object.keys(ERROR_CODES) as ErrorCode[]).map(
      (code) => `| \`${code}\` | ${ERROR_HTTP_STATUS[code]} | ${ERROR_CODES[code]}${GENERIC_ERRORS.includes(code) ? ' (any operation)' : ''} |`
    ),
    ''
  );
  return out.join('\n');
}
