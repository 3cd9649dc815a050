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
 * What a handle knows about one key: its number in the handle's key table
 * (so calls pass a number, not the string) and its cached value: the JSON
 * text or parsed value that was the key's value at map version `at` (`-1`:
 * nothing cached). Reads return deep copies, so a caller that mutates what
 * it got never changes the cache.
 */
class Key {
  /** @param {number} id the key's number (`keyId`) */
  constructor(id) {
    this.id = id;
    this.at = -1;
    /** @type {string | undefined} */
    this.text = undefined;
    this.value = undefined;
  }

  /** Caches `text`, current at map version `at`. */
  holdText(text, at) {
    this.text = text;
    this.value = undefined;
    this.at = at;
  }

  /** Caches `value` (already what `get` returns), current at map version `at`. */
  holdValue(value, at) {
    this.text = undefined;
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
 * Per-handle data kept on the JS side: the keys it used (their numbers and
 * cached values) and the view of the map version (a `u64` in wasm memory
 * that every write of the map raises before it returns, from JS or Rust).
 *
 * It holds every key read or written through this handle, with the value as
 * last read or written (as text, then as the parsed value): memory about
 * that of the JSON of those values, and the keys' names twice (here and in
 * the handle's key table in wasm).
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
    /** @type {Map<string, Key>} */
    this.keys = new Map();
    /** Hot fields, once declared (see hot.js); `undefined` before. */
    this.hot = undefined;
    /** A `Uint8Array` over the handle's scratch area (see `writeScratch`). */
    this.scratch = new Uint8Array(0);
    /** Its length in bytes (0 before the first text write). */
    this.scratchRoom = 0;
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

  /** What this handle knows about `key`, numbering it on first use. */
  key(handle, key) {
    let k = this.keys.get(key);
    if (k === undefined) {
      k = new Key(handle.keyId(key));
      this.keys.set(key, k);
    }
    return k;
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
 * @param {number} scratchFrom the JSON text length (UTF-16 units) from which
 *   `set` encodes the text into the scratch area with `TextEncoder.encodeInto`
 *   instead of passing it as a string argument (see `writeScratch`)
 */
export function installGetSet(proto, memory, scratchFrom) {
  Object.defineProperty(proto, 'get', {
    configurable: true,
    writable: true,
    /**
     * The value at `key` (a hot field reads as its number), or `undefined`.
     * A fresh JS value each time; integers beyond ±(2^53 - 1) are `BigInt`s.
     * Served from this handle's cache while the state's map version is the
     * one the cached value was current at; else read as JSON text from Rust.
     */
    value: function get(key) {
      if (this.__wbg_ptr === 0) throw freed();
      const side = sideOf(this, memory);
      const k = side.key(this, key);
      const now = side.version();
      if (k.at === now) return k.copy();
      const read = this.readTextAt(k.id, k.at);
      if (read === null) {
        // Not written since `k.at`.
        k.at = now;
        return k.copy();
      }
      if (typeof read === 'string') {
        k.holdText(read, now);
        return k.copy();
      }
      // Not set, a hot field, or a value with big integers (built directly).
      k.holdValue(undefined, -1);
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
      const side = sideOf(this, memory);
      const k = side.key(this, key);
      if (typeof value === 'object' && value !== null && isPlain(value)) {
        const text = JSON.stringify(value);
        const at = text.length >= scratchFrom ? writeScratch(this, side, k.id, text) : this.writeTextAt(k.id, text);
        if (at >= 0) {
          k.holdText(text, at);
          return;
        }
        if (at === NOT_AS_TEXT) return;
        // Refused by serde_json (an unpaired surrogate): the exact path
        // stores it as the value-by-value conversion does.
      }
      const at = this.writeValueAt(k.id, value);
      const stored = at >= 0 ? storedScalar(value) : undefined;
      // A stale cache entry is harmless (its version is older than the
      // map's), so only a known value is cached.
      if (stored !== undefined) k.holdValue(stored, at);
    },
  });
}

const encoder = new TextEncoder();

/**
 * `writeTextAt` through the handle's scratch area in wasm memory: the text
 * is encoded there by `TextEncoder.encodeInto` (native), where a string
 * argument is copied one UTF-16 unit at a time by wasm-bindgen's JS glue
 * (30 µs of a 10 KB write in Node). `encodeInto` costs little in Node at
 * any length, but about a microsecond per call in Chromium, where it pays
 * only from about 1,000 units on: each entry point sets the length from
 * which `set` takes this path. The area and a `Uint8Array` over it are
 * kept; the view is re-made when wasm memory grows (it then reads as empty).
 */
function writeScratch(handle, side, id, text) {
  const room = 3 * text.length; // UTF-8 needs at most 3 bytes per UTF-16 unit
  let view = side.scratch;
  if (room > side.scratchRoom || view[0] === undefined) {
    const size = Math.max(room, side.scratchRoom, 256);
    const at = handle.textScratch(size); // may grow wasm memory: before reading memory.buffer
    view = side.scratch = new Uint8Array(side.memory.buffer, at, size);
    side.scratchRoom = size;
  }
  const { written } = encoder.encodeInto(text, view);
  return handle.writeScratchAt(id, written);
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
