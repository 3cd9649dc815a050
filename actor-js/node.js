// @actorflow/js for Node: built from `wasm-bindgen --target nodejs` (which
// instantiates the module synchronously when it is loaded). `await init()`
// is kept so code runs unchanged in browsers and in Node.
import { createRequire } from 'node:module';
import { extend } from './src/extend.js';

export { SlotView } from './src/extend.js';

const require = createRequire(import.meta.url);
// Node's TextEncoder.encodeInto is cheap at every length, so `set` passes
// every JSON text through it (see src/state.js and BENCHMARKS.md).
const wasm = extend(require('./pkg/node/actor_wasm.js'), { scratchFrom: 0 });

/** Resolves once the module is ready (at once in Node). */
export function init() {
  return Promise.resolve();
}

export default init;
export const {
  LiveMemoryStateHandle, StateStore, ActorRunContext, ExternActor, Registry, Network, Outport,
} = wasm;
