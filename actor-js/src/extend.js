// Additions to the wasm-bindgen classes that are easier to write in JS.
// Shared by the web and the node entry points.

/**
 * Adds `Symbol.asyncIterator` to `Outport`, so `for await (const v of outport)` works.
 * @param {object} wasm the wasm-bindgen module namespace
 */
export function extend(wasm) {
  const { Outport } = wasm;
  if (!Outport.prototype[Symbol.asyncIterator]) {
    Object.defineProperty(Outport.prototype, Symbol.asyncIterator, {
      value: function () { return this; },
      configurable: true,
    });
  }
  return wasm;
}
