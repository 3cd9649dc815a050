// Hot numeric fields from JS: `getNumber` reads the slot memory with no
// call into wasm, `setNumber` makes one call with numbers only.

import { sideOf } from './state.js';

/**
 * The declared hot fields of one state, as one handle sees them: slot
 * index by name, and a `Float64Array` over the slots re-made when wasm
 * memory grows. Hot fields never change once declared, so this is made
 * once, after `declareHot`.
 */
class HotTable {
  /**
   * @param {object} handle
   * @param {string[]} names the declared hot fields, in slot order
   * @param {WebAssembly.Memory} memory
   */
  constructor(handle, names, memory) {
    this.names = names;
    /** @type {Map<string, number>} */
    this.index = new Map(names.map((name, i) => [name, i]));
    this.memory = memory;
    this.byteOffset = handle.slotsLocation()[0];
    this.slots = new Float64Array(memory.buffer, this.byteOffset, names.length);
  }

  /** Slot `i` (in range), re-making the view if wasm memory grew. */
  read(i) {
    const x = this.slots[i];
    if (x !== undefined) return x;
    // A detached view (wasm memory grew) reads as empty.
    this.slots = new Float64Array(this.memory.buffer, this.byteOffset, this.names.length);
    return this.slots[i];
  }

  /** The error for slot `index` outside the table. */
  noSlot(index) {
    return new Error(`no hot field in slot ${index} (there are ${this.names.length}: ${this.names.join(', ')})`);
  }
}

/**
 * The hot-field table of `handle`, or `null` before any are declared.
 * @returns {HotTable | null}
 */
function hotOf(handle, memory) {
  const side = sideOf(handle, memory);
  if (side.hot !== undefined) return side.hot;
  const names = handle.hotFields();
  if (names.length === 0) return null; // asked again next time: they may be declared later
  side.hot = new HotTable(handle, names, memory);
  return side.hot;
}

function freed() {
  return new Error('this LiveMemoryStateHandle was freed');
}

/**
 * Installs `getNumber`, `setNumber`, `getNumberAt` and `setNumberAt` on the
 * handle class's prototype.
 * @param {object} proto `LiveMemoryStateHandle.prototype`
 * @param {WebAssembly.Memory} memory
 */
export function installHotNumbers(proto, memory) {
  const getByName = proto.getNumber;
  const setByName = proto.setNumber;
  const define = (name, value) => Object.defineProperty(proto, name, { configurable: true, writable: true, value });

  define('getNumber', function getNumber(name) {
    if (this.__wbg_ptr === 0) throw freed();
    const hot = hotOf(this, memory);
    const i = hot === null ? undefined : hot.index.get(name);
    // Not a hot field: a JSON number, or undefined.
    return i === undefined ? getByName.call(this, name) : hot.read(i);
  });

  define('setNumber', function setNumber(name, value) {
    if (this.__wbg_ptr === 0) throw freed();
    const hot = hotOf(this, memory);
    const i = hot === null ? undefined : hot.index.get(name);
    // Not a hot field: the by-name call throws the error naming it.
    return i === undefined ? setByName.call(this, name, value) : this.hotSet(i, value) === 1;
  });

  define('getNumberAt', function getNumberAt(index) {
    if (this.__wbg_ptr === 0) throw freed();
    const hot = hotOf(this, memory);
    if (hot === null) throw new Error('the state has no hot fields (call declareHot first)');
    if (!(index >= 0 && index < hot.names.length && Number.isInteger(index))) throw hot.noSlot(index);
    return hot.read(index);
  });

  define('setNumberAt', function setNumberAt(index, value) {
    if (this.__wbg_ptr === 0) throw freed();
    const hot = hotOf(this, memory);
    if (hot === null) throw new Error('the state has no hot fields (call declareHot first)');
    if (!(index >= 0 && index < hot.names.length && Number.isInteger(index))) throw hot.noSlot(index);
    return this.hotSet(index, value) === 1;
  });
}
