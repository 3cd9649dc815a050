// @actorflow/js for browsers and bundlers: built from `wasm-bindgen --target web`.
// Call `await init()` once before using any class.
import initWasm, * as wasm from './pkg/web/actor_wasm.js';
import { extend } from './src/extend.js';

export { SlotView } from './src/extend.js';

let ready;

/**
 * Loads and instantiates the WebAssembly module (once; later calls return the same Promise).
 * @param {string | URL | Request | Response | BufferSource | WebAssembly.Module} [moduleOrPath]
 *   where the `.wasm` file is; by default next to `pkg/web/actor_wasm.js`.
 */
export function init(moduleOrPath) {
  ready ??= initWasm(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath }).then(() => {
    // In Chromium, TextEncoder.encodeInto pays only for texts of about 1,000
    // UTF-16 units and more (see src/state.js and BENCHMARKS.md).
    extend(wasm, { scratchFrom: 1024 });
  });
  return ready;
}

export default init;
export {
  LiveMemoryStateHandle, StateStore, ActorRunContext, ExternActor, Registry, Network, Outport,
} from './pkg/web/actor_wasm.js';
