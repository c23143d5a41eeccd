/**
 * The operation table: the single definition of the pileup protocol.
 *
 * WebSocket dispatch, access checks, parameter validation, `system.info`, the typed client and
 * the protocol docs all read this table. The server supplies one handler per entry (a missing
 * handler is a type error). Its entries are kept by area in operation-table/, and put together
 * here in the order the docs list them; an entry's shape is in operation-table/spec.ts.
 */
import type { z } from 'zod';
import { PRODUCT_NAME } from '../product.js';
import { LOG_AND_SETTINGS_OPERATIONS } from './operation-table/log-and-settings.js';
import { OPERATING_OPERATIONS } from './operation-table/operating.js';
import type { OperationSpec } from './operation-table/spec.js';
import { STATION_SETUP_OPERATIONS } from './operation-table/station-setup.js';
import { STATION_OPERATIONS } from './operation-table/stations.js';
import { SYSTEM_OPERATIONS } from './operation-table/system.js';

export type { Access, HttpRoute, OperationSpec } from './operation-table/spec.js';

export const OPERATIONS = {
  ...STATION_OPERATIONS,
  ...OPERATING_OPERATIONS,
  ...STATION_SETUP_OPERATIONS,
  ...LOG_AND_SETTINGS_OPERATIONS,
  ...SYSTEM_OPERATIONS
} as const satisfies Record<string, OperationSpec>;

export type OperationName = keyof typeof OPERATIONS;
export type OperationParams<O extends OperationName> = z.infer<(typeof OPERATIONS)[O]['params']>;
/** What a client may send: the schema's input side (e.g. frequency as number or string). */
export type OperationInput<O extends OperationName> = z.input<(typeof OPERATIONS)[O]['params']>;
export type OperationResult<O extends OperationName> = z.infer<(typeof OPERATIONS)[O]['result']>;
export const OPERATION_NAMES = Object.keys(OPERATIONS) as OperationName[];

// A Set: asked for every request, and faster than a lookup in the table's big object literal.
const KNOWN_OPERATIONS: ReadonlySet<string> = new Set(OPERATION_NAMES);

export function isOperationName(name: string): name is OperationName {
  return KNOWN_OPERATIONS.has(name);
}

export const PROTOCOL_VERSION = '1.0';
export const SERVER_NAME = PRODUCT_NAME;
