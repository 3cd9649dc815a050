// `LiveMemoryStateHandle.prototype.get` and `.set`: JSON values cross the
// JS/wasm boundary as JSON text, and each handle caches what it read,
// checked against the state's map version in wasm memory, so reading a key
// that has not changed makes no call into wasm at all.

import { copyParsed, isPlain } from './json.js';

/** The handle's JS-side data (see `Side`). */
export const SIDE = Symbol('@actorflow/js state side');

/** What `writeText` returns when the key does not hold the text as given. */
const NOT_AS_TEXT = -1;
const TWO_32 = 4294967296;

/**
 * One cached value: the JSON text of the map value current at map version
 * `at`, parsed on the first read. Reads return deep copies, so a caller
 * that mutates what it got never changes the cache.
 */
class Cached {
  /**
   * @param {string | undefined} text the JSON text, or `undefined` with `value`
   * @param {number} at a map version at which this is the key's value
   * @param {unknown} [value] the value, already parsed
   */
  constructor(text, at, value = undefined) {
    this.text = text;
    this.value = value;
    this.at = at;
  }

  copy() {
    let value = this.value;
    if (value === undefined) {
      value = this.value = JSON.parse(this.text);
      this.text = undefined;
    }
    return copyParsed(value);
  }
}

/**
 * Per-handle data kept on the JS side: the cache of map values and the
 * view of the map version (a `u64` in wasm memory that every write of the
 * map raises before it returns, from JS or Rust).
 *
 * The cache holds each key read or written through this handle (as text,
 * then as the parsed value), until the key is read after it changed or was
 * deleted. Its memory is about that of the JSON of those values.
 */
export class Side {
  /**
   * @param {object} handle a LiveMemoryStateHandle
   * @param {WebAssembly.Memory} memory
   */
  constructor(handle, memory) {
    this.memory = memory;
    this.versionAt = handle.mapVersionLocation();
    this.versionView = new Uint32Array(memory.buffer, this.versionAt, 2);
    /** @type {Map<string, Cached>} */
    this.cache = new Map();
    /** Hot fields, once declared (see hot.js); `undefined` before. */
    this.hot = undefined;
  }

  /** The state's map version now (re-making the view if memory grew). */
  version() {
    let view = this.versionView;
    let low = view[0];
    if (low === undefined) {
      // A detached view (wasm memory grew) reads as empty.
      view = this.versionView = new Uint32Array(this.memory.buffer, this.versionAt, 2);
      low = view[0];
    }
    return low + view[1] * TWO_32;
  }
}

/**
 * The side data of `handle`, made on first use.
 * @param {object} handle
 * @param {WebAssembly.Memory} memory
 * @returns {Side}
 */
export function sideOf(handle, memory) {
  let side = handle[SIDE];
  if (side === undefined) {
    side = new Side(handle, memory);
    Object.defineProperty(handle, SIDE, { value: side });
  }
  return side;
}

function freed() {
  return new Error('this LiveMemoryStateHandle was freed');
}

/**
 * Installs `get` and `set` on the handle class's prototype.
 * @param {object} proto `LiveMemoryStateHandle.prototype`
 * @param {WebAssembly.Memory} memory
 */
export function installGetSet(proto, memory) {
  const writeValue = proto.writeValue;

  Object.defineProperty(proto, 'get', {
    configurable: true,
    writable: true,
    /**
     * The value at `key` (a hot field reads as its number), or `undefined`.
     * A fresh JS value each time; integers beyond ±(2^53 - 1) are `BigInt`s.
     * Served from this handle's cache while the state's map version is the
     * one the cached value was read at; else read as JSON text from Rust.
     */
    value: function get(key) {
      if (this.__wbg_ptr === 0) throw freed();
      const side = sideOf(this, memory);
      const now = side.version();
      let cached = side.cache.get(key);
      if (cached !== undefined && cached.at === now) return cached.copy();
      const read = this.readText(key, cached === undefined ? -1 : cached.at);
      if (read === null) {
        // Not written since `cached.at`.
        cached.at = now;
        return cached.copy();
      }
      if (typeof read === 'string') {
        cached = new Cached(read, now);
        side.cache.set(key, cached);
        return cached.copy();
      }
      // Not set, a hot field, or a value with big integers (built directly).
      if (cached !== undefined) side.cache.delete(key);
      return read;
    },
  });

  Object.defineProperty(proto, 'set', {
    configurable: true,
    writable: true,
    /**
     * Sets `key` to `value` and notifies the subscribers of `key` (after
     * the write, outside any lock) when the value changed. A plain object
     * or array crosses as `JSON.stringify` text that Rust parses only when
     * it reads it; a scalar, and anything `JSON.stringify` would change, is
     * converted value by value (`writeValue`), which throws for what is not
     * JSON (a function, a symbol, a cycle, ...).
     */
    value: function set(key, value) {
      if (this.__wbg_ptr === 0) throw freed();
      if (typeof value === 'object' && value !== null && isPlain(value)) {
        const text = JSON.stringify(value);
        const at = this.writeText(key, text);
        if (at >= 0) {
          sideOf(this, memory).cache.set(key, new Cached(text, at));
          return;
        }
        if (at === NOT_AS_TEXT) return;
        // Refused by serde_json (an unpaired surrogate): the exact path
        // stores it as the value-by-value conversion does.
      }
      const at = writeValue.call(this, key, value);
      if (at >= 0) {
        const stored = storedScalar(value);
        if (stored !== undefined) sideOf(this, memory).cache.set(key, new Cached(undefined, at, stored));
      }
    },
  });
}

/**
 * What the state stores for scalar `value`, as `get` returns it, or
 * `undefined` when that is not simply known (not a scalar; a string with an
 * unpaired surrogate, stored with U+FFFD).
 */
function storedScalar(value) {
  switch (typeof value) {
    case 'number':
      // JSON has no NaN or infinities (null), and no -0 (0).
      return Number.isFinite(value) ? value + 0 : null;
    case 'boolean':
      return value;
    case 'string':
      return typeof value.isWellFormed === 'function' && value.isWellFormed() ? value : undefined;
    default:
      return value === null ? null : undefined;
  }
}
