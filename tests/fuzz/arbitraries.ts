import fc from 'fast-check';

/**
 * Keys that shadow Object.prototype members. A JSON object such as `{"toString":0}` breaks any code that
 * turns an untrusted value into text implicitly (`String(x)`, template literals, `[].join`), so every fuzzed
 * value has a good chance of containing them, rather than waiting for fc.anything to stumble on one.
 */
const prototypeKeys = fc.constantFrom('toString', 'valueOf', 'toJSON', 'constructor', '__proto__', 'hasOwnProperty', 'then', 'length', 'Symbol.toPrimitive');

const hostileObject = fc.dictionary(prototypeKeys, fc.anything({ maxDepth: 2 }), { minKeys: 1 });

/** Any JSON-ish value: plain, boxed, sparse, null-prototype, or built to trip implicit string conversion. */
export const anyValue = fc.oneof(
  { weight: 4, arbitrary: fc.anything({ maxDepth: 4, withNullPrototype: true, withBoxedValues: true, withSparseArray: true }) },
  { weight: 1, arbitrary: hostileObject },
  { weight: 1, arbitrary: fc.array(hostileObject, { minLength: 1, maxLength: 3 }) }
);
