// Shared helpers for the node tests.
import { init, Registry, Network } from '../node.js';

await init();

/** A NoFlo graph JSON object from a compact description. */
export function graph({ processes, edges = [], iips = [], inports = {}, outports = {} }) {
  const conn = (s) => {
    const [process, port] = s.split('.');
    return { process, port };
  };
  return {
    processes: Object.fromEntries(
      Object.entries(processes).map(([name, p]) =>
        [name, typeof p === 'string' ? { component: p } : { component: p.component, metadata: p.metadata }]),
    ),
    connections: [
      ...edges.map(([src, tgt]) => ({ src: conn(src), tgt: conn(tgt) })),
      ...iips.map(([data, tgt]) => ({ data, tgt: conn(tgt) })),
    ],
    inports: Object.fromEntries(Object.entries(inports).map(([k, v]) => [k, conn(v)])),
    outports: Object.fromEntries(Object.entries(outports).map(([k, v]) => [k, conn(v)])),
  };
}

/** A registry with the standard and rust/* components plus the given JS components. */
export function registry(components = {}) {
  const r = new Registry();
  for (const [name, factory] of Object.entries(components)) r.register(name, factory);
  return r;
}

export { runWith } from '../scenarios/scenarios.mjs';

export { Network };
