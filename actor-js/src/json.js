// Plain JSON values on the JS side: which values `JSON.stringify` writes
// exactly as the state stores them, and a fast deep copy of a parsed value.

/** Deeper than this, a value takes the exact (value-by-value) path, which
 * also reports cycles; serde_json's own nesting limit is 128. */
const MAX_PLAIN_DEPTH = 100;
const { MAX_SAFE_INTEGER } = Number;
const objectProto = Object.prototype;

/**
 * Whether `JSON.stringify(value)` is exactly the JSON the state would store
 * for `value`, so it can cross as text. True for `null`, booleans, strings,
 * numbers (NaN and ±Infinity become `null` either way) other than integers
 * beyond ±(2^53 - 1) (which the state stores as floats, where
 * `JSON.stringify` writes an integer literal), and arrays and plain objects
 * (prototype `Object.prototype` or `null`, no `toJSON`) of those.
 *
 * False for what `JSON.stringify` would drop or change (`undefined`,
 * functions, symbols, `BigInt`, `Uint8Array`, class instances, `toJSON`,
 * array holes), for values nested deeper than 100 levels (cycles included):
 * those take the exact path, which converts or refuses them with a message.
 * A getter runs twice (here and in `JSON.stringify`).
 * @param {unknown} value
 * @param {number} depth
 * @returns {boolean}
 */
export function isPlain(value, depth = 0) {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return !(Math.abs(value) > MAX_SAFE_INTEGER && Number.isInteger(value));
    case 'object': {
      if (value === null) return true;
      if (depth >= MAX_PLAIN_DEPTH || typeof value.toJSON === 'function') return false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          if (!isPlain(value[i], depth + 1)) return false;
        }
        return true;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== objectProto && proto !== null) return false;
      for (const key in value) {
        if (!isPlain(value[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * A deep copy of a value made by `JSON.parse` (plain objects, arrays and
 * scalars only), as `JSON.parse` would make it again: fresh objects and
 * arrays, own enumerable properties in the same order, a `__proto__` key as
 * an own property. Object spread copies each object's own properties
 * natively; only nested objects and arrays are copied again. Several times
 * faster than parsing the text again (see `BENCHMARKS.md`).
 * @template T
 * @param {T} value
 * @returns {T}
 */
export function copyParsed(value) {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyParsed);
  const out = { ...value };
  for (const key in out) {
    const inner = out[key];
    if (typeof inner === 'object' && inner !== null) {
      if (key === '__proto__') {
        // `out.__proto__ = x` would set the prototype: define the own property.
        Object.defineProperty(out, key, { value: copyParsed(inner), writable: true, enumerable: true, configurable: true });
      } else {
        out[key] = copyParsed(inner);
      }
    }
  }
  return out;
}
