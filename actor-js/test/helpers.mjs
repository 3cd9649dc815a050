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

/**
 * Starts `net`, feeds `inputs` into exported inport `port` while reading outport `outName`
 * concurrently (connections are bounded), closes the inports and waits; returns what was read.
 */
export async function runWith(net, port, inputs, outName = 'OUT') {
  const out = outName ? net.outport(outName) : null;
  net.start();
  const reading = (async () => {
    const got = [];
    if (out) for await (const v of out) got.push(v);
    return got;
  })();
  for (const v of inputs) await net.send(port, v);
  net.close();
  const report = await net.wait();
  return { got: await reading, report };
}

export { Network };
