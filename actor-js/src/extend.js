// Additions to the wasm-bindgen classes that are easier (and faster) to
// write in JS. Shared by the web and the node entry points.

import { installHotNumbers } from './hot.js';
import { SlotView } from './slot_view.js';
import { installGetSet } from './state.js';

export { SlotView } from './slot_view.js';

const EXTENDED = Symbol('@actorflow/js extended');

/**
 * Adds what the generated bindings lack or do slower:
 * - `Symbol.asyncIterator` on `Outport`;
 * - on `LiveMemoryStateHandle.prototype`: `get` and `set` (JSON text across
 *   the boundary and a per-handle cache, see `state.js`), `getNumber`,
 *   `setNumber`, `getNumberAt` and `setNumberAt` (slot memory and indices,
 *   see `hot.js`), and `slots(name)` returning a `SlotView`.
 * Extending twice does nothing.
 * @param {object} wasm the wasm-bindgen module namespace
 * @param {{ scratchFrom?: number }} [options] `scratchFrom`: the JSON text
 *   length from which `set` passes text through `TextEncoder.encodeInto`
 *   (see `state.js`); 0 in Node, 1024 in browsers
 */
export function extend(wasm, { scratchFrom = 1024 } = {}) {
  const { Outport, LiveMemoryStateHandle } = wasm;
  const proto = LiveMemoryStateHandle.prototype;
  if (proto[EXTENDED]) return wasm;
  Object.defineProperty(Outport.prototype, Symbol.asyncIterator, {
    value: function () { return this; },
    configurable: true,
  });
  const memory = wasm.wasmMemory();
  Object.defineProperty(proto, 'slots', {
    /** A zero-copy `SlotView` of hot field `name` (or of every hot field). */
    value: function (name) { return new SlotView(this, memory, name); },
    configurable: true,
  });
  installGetSet(proto, memory, scratchFrom);
  installHotNumbers(proto, memory);
  Object.defineProperty(proto, EXTENDED, { value: true });
  return wasm;
}
