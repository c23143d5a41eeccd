/**
 * Runs one operation from the table: existence, access, parameter validation, handler, and the
 * wait for what it wrote to reach the disk. Every transport calls this, so the rules are the same
 * whichever way a request arrives.
 */
import type { z } from 'zod';
import { ProtocolError } from '../../../shared/protocol/errors.js';
import { OPERATIONS, isOperationName } from '../../../shared/protocol/operations.js';
import { HANDLERS, type Handler, type OperationContext } from './handlers.js';

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export async function dispatchOperation(operation: string, data: unknown, context: OperationContext): Promise<unknown> {
  if (!isOperationName(operation)) {
    throw new ProtocolError('UNKNOWN_OPERATION', `Unknown operation "${operation.slice(0, 100)}"; system.info lists the supported ones`);
  }
  const spec = OPERATIONS[operation];
  if (spec.access === 'admin' && !context.session.authenticated) {
    throw new ProtocolError('UNAUTHORIZED', 'Operation requires authentication');
  }
  const input = data ?? {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new ProtocolError('VALIDATION_ERROR', 'data must be a JSON object');
  }
  const parsed = spec.params.safeParse(input);
  if (!parsed.success) throw new ProtocolError('VALIDATION_ERROR', describeIssues(parsed.error));
  const handler = HANDLERS[operation] as Handler<typeof operation>;
  const started = performance.now();
  const writesBefore = context.durability.savedWrites();
  try {
    return await handler(parsed.data as never, context);
  } finally {
    // An answer (success or failure) that follows a write goes out once the write is on the disk;
    // one that wrote nothing does not wait for others' flushes.
    // Only its own writes: by now later changes may have written, and their flush is not its wait.
    const writesAfter = context.durability.savedWrites();
    if (writesAfter !== writesBefore) await context.durability.durable(writesAfter);
    context.telemetry.operation(operation, (performance.now() - started) / 1000);
  }
}
