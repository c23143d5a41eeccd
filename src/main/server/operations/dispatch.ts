/**
 * Runs one operation from the table: existence, access, parameter validation and the handler.
 * Every transport calls this, so the rules are the same whichever way a request arrives.
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
  try {
    // Whatever it writes is on the disk when it returns: a pileup change's answer waits for the flush
    // of its own writes (Announcer.change), the settings for theirs (PileupStore.updateSettings).
    return await handler(parsed.data as never, context);
  } finally {
    context.telemetry.operation(operation, (performance.now() - started) / 1000);
  }
}
