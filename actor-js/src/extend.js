// Additions to the wasm-bindgen classes that are easier to write in JS.
// Shared by the web and the node entry points.

/**
 * A zero-copy view of hot numeric fields: a `Float64Array` over the
 * `SharedSlotBuffer` inside wasm memory. Reading `view.array[i]` is a plain
 * typed-array read: no call into wasm, no copy, and it sees Rust's writes
 * at once.
 *
 * When wasm memory grows, `memory.buffer` is replaced and the old
 * `ArrayBuffer` is detached, so every typed array over it reads as empty.
 * `view.array` re-creates the typed array whenever
 * `array.buffer !== memory.buffer`. It detects that cheaply: the view is
 * never empty, so a length of 0 means its buffer was detached, which for
 * the (non-shared) wasm memory happens exactly when the memory grew and
 * `memory.buffer` changed. (Reading `memory.buffer` on every access costs
 * about 100 ns in V8, a hundred times the read itself.) So reading through
 * `view.array` (or `view.get`) is always safe; a `Float64Array` kept aside
 * is valid only until the next call that may allocate.
 *
 * Writing `view.array[i] = x` changes the value but not the reactive graph:
 * call `state.notifyChanged(name)` after, or write with `state.setNumber`.
 */
export class SlotView {
  #state;
  #memory;
  #array;
  #first;

  /**
   * @param {LiveMemoryStateHandle} state the handle (kept: it keeps the buffer alive)
   * @param {WebAssembly.Memory} memory the module's memory
   * @param {string} [name] one hot field; all of them when omitted
   */
  constructor(state, memory, name) {
    const fields = state.hotFields();
    if (fields.length === 0) throw new Error('the state has no hot fields (call declareHot first)');
    this.#state = state;
    this.#memory = memory;
    if (name === undefined) {
      this.#first = 0;
      /** The hot field of each element, in order. */
      this.names = fields;
    } else {
      const i = fields.indexOf(name);
      if (i < 0) throw new Error(`no hot field ${JSON.stringify(name)} (declared: ${fields.join(', ')})`);
      this.#first = i;
      this.names = [name];
    }
    this.#array = this.#make();
  }

  #make() {
    const [byteOffset, length] = this.#state.slotsLocation();
    return new Float64Array(this.#memory.buffer, byteOffset + 8 * this.#first, this.names.length);
  }

  /** The typed array, re-created first if wasm memory has grown since. */
  get array() {
    if (this.#array.length === 0) this.refresh();
    return this.#array;
  }

  /** Re-creates the typed array if `array.buffer !== memory.buffer`. */
  refresh() {
    if (this.#array.buffer !== this.#memory.buffer) this.#array = this.#make();
  }

  /** The number of slots in the view. */
  get length() {
    return this.names.length;
  }

  /** Slot `i` of the view (0-based; default 0), or the slot of field `name`. */
  get(i = 0) {
    return this.array[typeof i === 'string' ? this.names.indexOf(i) : i];
  }
}

/**
 * Adds what the generated bindings lack: `Symbol.asyncIterator` on
 * `Outport`, and `LiveMemoryStateHandle.prototype.slots(name)` returning a `SlotView`.
 * @param {object} wasm the wasm-bindgen module namespace
 */
export function extend(wasm) {
  const { Outport, LiveMemoryStateHandle } = wasm;
  if (!Outport.prototype[Symbol.asyncIterator]) {
    Object.defineProperty(Outport.prototype, Symbol.asyncIterator, {
      value: function () { return this; },
      configurable: true,
    });
  }
  if (!LiveMemoryStateHandle.prototype.slots) {
    const memory = wasm.wasmMemory();
    Object.defineProperty(LiveMemoryStateHandle.prototype, 'slots', {
      /** A zero-copy `SlotView` of hot field `name` (or of every hot field). */
      value: function (name) { return new SlotView(this, memory, name); },
      configurable: true,
    });
  }
  if (!LiveMemoryStateHandle.prototype[FAST]) fastNumbers(LiveMemoryStateHandle.prototype);
  return wasm;
}

const FAST = Symbol('@actorflow/js fast numbers');
const INDEX = Symbol('@actorflow/js hot-field indices');

/**
 * Makes `getNumber(name)` and `setNumber(name, v)` pass the slot index
 * instead of the name across the boundary once a name is known to be a hot
 * field (hot fields never change once declared), so the hot path makes one
 * wasm call with numbers only. Names that are not hot fields take the
 * original path (which also reads JSON numbers, and throws for `setNumber`).
 */
function fastNumbers(proto) {
  const getByName = proto.getNumber;
  const setByName = proto.setNumber;
  const indexOf = (handle, name) => {
    let cache = handle[INDEX];
    if (cache === undefined) {
      cache = new Map();
      Object.defineProperty(handle, INDEX, { value: cache });
    }
    let i = cache.get(name);
    if (i === undefined) {
      i = handle.hotIndex(name);
      if (i !== undefined) cache.set(name, i);
    }
    return i;
  };
  Object.defineProperty(proto, FAST, { value: true });
  Object.defineProperty(proto, 'getNumber', {
    configurable: true,
    writable: true,
    value: function getNumber(name) {
      const i = indexOf(this, name);
      return i === undefined ? getByName.call(this, name) : this.getNumberAt(i);
    },
  });
  Object.defineProperty(proto, 'setNumber', {
    configurable: true,
    writable: true,
    value: function setNumber(name, value) {
      const i = indexOf(this, name);
      return i === undefined ? setByName.call(this, name, value) : this.setNumberAt(i, value);
    },
  });
}
