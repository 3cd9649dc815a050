// @actorflow/js/svelte: a process's shared state as Svelte 5 reactive state,
// live across compilation boundaries and across the JS/Rust boundary.
//
// A `LiveMemoryStateHandle` already tells its subscribers about every change
// of a key, whoever wrote it (JS, a Rust actor, another component). Here
// each key becomes an external source for Svelte's runes through
// `createSubscriber` (svelte/reactivity, Svelte >= 5.7): a read inside an
// effect (a template, `$derived`, `$effect`) subscribes to that key on the
// handle, the subscription wakes exactly the effects that read it, and it
// is dropped once no effect reads the key any more. Nothing polls.
//
// The objects carry the reference to the shared state, not a compiled
// rune, so they work in a component compiled at build time or at runtime
// (`compile` from svelte/compiler, then `mount`): every compilation that
// shares this module's Svelte runtime tracks the same reads.
import { createSubscriber } from 'svelte/reactivity';

/**
 * One key of a state as a reactive box, like Svelte's `fromStore`:
 * `field.current` reads the key and `field.current = v` writes it.
 *
 * Reads of a hot field go through the zero-copy `SlotView` (a
 * `Float64Array` over wasm memory; no call into wasm). Other keys read with
 * `handle.get` (a fresh JS value each time). A key that is not set reads as
 * `undefined`.
 */
class LiveField {
  #handle;
  #key;
  #subscribe;
  /** The `SlotView` of this key once it is known to be a hot field (hot fields never change once declared). */
  #view = null;
  /** Whether a read found a JSON value here (see `current`). */
  #json = false;

  /**
   * @param {import('./index.js').LiveMemoryStateHandle} handle
   * @param {string} key
   */
  constructor(handle, key) {
    checkHandle(handle, 'liveField');
    if (typeof key !== 'string') throw new TypeError(`liveField: the key must be a string, got ${typeof key}`);
    this.#handle = handle;
    this.#key = key;
    // `start` runs when the first effect reads `current`; the unsubscriber
    // it returns runs after the last such effect is destroyed.
    this.#subscribe = createSubscriber((update) => handle.subscribe(key, () => update()));
  }

  /** The state key this field reads and writes. */
  get key() {
    return this.#key;
  }

  /** The key's current value; tracked when read inside an effect, a `$derived` or a template. */
  get current() {
    this.#subscribe();
    if (this.#view !== null) return this.#view.get(0);
    const value = this.#handle.get(this.#key);
    if (!this.#json) {
      if (this.#hotView() !== null) return this.#view.get(0);
      // A name that holds a JSON value cannot be declared hot (declareHot
      // refuses it), so reads stop asking. Were the key deleted and then
      // declared hot, `handle.get` would still read it right, only not
      // through the zero-copy view.
      this.#json = value !== undefined;
    }
    return value;
  }

  /**
   * Writes the key through to the shared state: Rust actors see it as soon
   * as the assignment returns, and every reader, in any component, updates.
   * A hot field takes a number only (a `TypeError` otherwise); other keys
   * take JSON-shaped values (`handle.set` throws for others, and the state
   * is then unchanged).
   */
  set current(value) {
    if (this.#hotView() === null) {
      this.#handle.set(this.#key, value);
    } else if (typeof value === 'number') {
      this.#handle.setNumber(this.#key, value);
    } else {
      throw new TypeError(`hot field ${JSON.stringify(this.#key)} takes a number, got ${typeof value}`);
    }
  }

  #hotView() {
    if (this.#view === null && this.#handle.isHot(this.#key)) this.#view = this.#handle.slots(this.#key);
    return this.#view;
  }
}

/**
 * `key` of the state behind `handle` as a reactive `{ current }` box.
 * @param {import('./index.js').LiveMemoryStateHandle} handle
 * @param {string} key
 * @returns {LiveField}
 */
export function liveField(handle, key) {
  return new LiveField(handle, key);
}

/**
 * The whole state behind `handle` as an object: `live.count` reads key
 * `count` (JSON value or hot field) and is tracked like `liveField`;
 * `live.count = 3` writes through; `delete live.count` deletes the key;
 * `'count' in live` is tracked too. `Object.keys(live)` and
 * `JSON.stringify(live)` give a snapshot of the current keys (the set of
 * keys is not tracked: the state has no notification for a new key). Symbol
 * properties are not state keys: they read as `undefined`.
 *
 * The object has no prototype, so Svelte's `$state(live)` keeps it as it
 * is instead of copying its values into a new proxy.
 * @param {import('./index.js').LiveMemoryStateHandle} handle
 * @returns {Record<string, any>}
 */
export function liveState(handle) {
  checkHandle(handle, 'liveState');
  const fields = new Map();
  const field = (key) => {
    let f = fields.get(key);
    if (f === undefined) {
      f = new LiveField(handle, key);
      fields.set(key, f);
    }
    return f;
  };
  return new Proxy(Object.create(null), {
    get: (_, key) => (typeof key === 'string' ? field(key).current : undefined),
    set(_, key, value) {
      if (typeof key !== 'string') return false;
      field(key).current = value;
      return true;
    },
    has(_, key) {
      if (typeof key !== 'string') return false;
      field(key).current; // tracks the key: its deletion or creation is a change of it
      return handle.has(key);
    },
    deleteProperty(_, key) {
      if (typeof key === 'string') handle.delete(key);
      return true;
    },
    ownKeys: () => handle.keys(),
    getOwnPropertyDescriptor(_, key) {
      if (typeof key !== 'string' || !handle.has(key)) return undefined;
      return { value: field(key).current, writable: true, enumerable: true, configurable: true };
    },
    defineProperty: () => false,
  });
}

function checkHandle(handle, what) {
  for (const method of ['get', 'set', 'subscribe', 'isHot']) {
    if (typeof handle?.[method] !== 'function') {
      throw new TypeError(`${what}: expected a LiveMemoryStateHandle (no ${method} method on ${String(handle)})`);
    }
  }
}
