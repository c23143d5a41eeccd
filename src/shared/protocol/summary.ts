/**
 * Renders the operation and event tables as Markdown, for the README's protocol summary.
 * Generated from the tables themselves, so the summary cannot drift from the code.
 */
import { z } from 'zod';
import { ERROR_CODES } from './errors.js';
import { EVENTS, EVENT_NAMES } from './events.js';
import { OPERATIONS, OPERATION_NAMES } from './operations.js';

function fieldList(schema: z.ZodType): string {
  const object = schema instanceof z.ZodNullable ? schema.unwrap() : schema;
  if (!(object instanceof z.ZodObject)) return schema instanceof z.ZodNullable ? 'object or null' : 'value';
  const keys = Object.entries(object.shape as Record<string, z.ZodType>).map(([key, field]) =>
    field instanceof z.ZodOptional ? `${key}?` : key
  );
  return keys.length ? keys.map((k) => `\`${k}\``).join(', ') : '-';
}

export function protocolSummaryMarkdown(): string {
  const operations = OPERATION_NAMES.map((name) => {
    const spec = OPERATIONS[name];
    return `| \`${name}\` | ${spec.access} | \`${spec.http.method} ${spec.http.path}\` | ${fieldList(spec.params)} | ${fieldList(spec.result)} | ${spec.summary} |`;
  });
  const events = EVENT_NAMES.map((name) => `| \`${name}\` | ${fieldList(EVENTS[name].data)} | ${EVENTS[name].summary} |`);
  return [
    '| Operation | Access | HTTP | Parameters (`data`) | Result (`data`) | What it does |',
    '|---|---|---|---|---|---|',
    ...operations,
    '',
    '| Event | Payload (`data`) | When |',
    '|---|---|---|',
    ...events,
    '',
    '| Error code | Meaning |',
    '|---|---|',
    ...Object.entries(ERROR_CODES).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`)
  ].join('\n');
}
