// Lays a NoFlo graph JSON out with elkjs (the Eclipse Layout Kernel's
// "layered" algorithm, made for dataflow diagrams): processes as boxes
// with inports on the left and outports on the right, IIPs as small boxes
// feeding their ports.
import ELK from 'elkjs/lib/elk.bundled.js';

const elk = new ELK();
const CHAR = 7;   // px per character, roughly, at 12px
const PORT_ROW = 16;

const portId = (node, port, dir) => `${node}::${dir}::${port.toLowerCase()}`;

/**
 * @param graph NoFlo graph JSON (from component:getsource)
 * @param components component name -> {inPorts, outPorts} (from component:list)
 * @returns the laid-out ELK graph, with `meta` on nodes and edges
 */
export async function layout(graph, components) {
  const children = [];
  const edges = [];
  for (const [name, proc] of Object.entries(graph.processes || {})) {
    const spec = components.get(proc.component) || { inPorts: [], outPorts: [] };
    const ins = spec.inPorts.map((p) => p.id);
    const outs = spec.outPorts.map((p) => p.id);
    const label = Math.max(name.length, proc.component.length + 2);
    const width = Math.max(150, label * CHAR + 24);
    const height = Math.max(54, 30 + PORT_ROW * Math.max(ins.length, outs.length));
    const ports = [
      ...ins.map((p, i) => ({ id: portId(name, p, 'in'), width: 8, height: 8, layoutOptions: { 'elk.port.side': 'WEST', 'elk.port.index': String(ins.length - i) }, meta: { name: p, dir: 'in' } })),
      ...outs.map((p, i) => ({ id: portId(name, p, 'out'), width: 8, height: 8, layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(i) }, meta: { name: p, dir: 'out' } })),
    ];
    children.push({ id: name, width, height, ports, layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' }, meta: { kind: 'process', name, component: proc.component } });
  }
  (graph.connections || []).forEach((c, i) => {
    const tgt = portId(c.tgt.process, c.tgt.port, 'in');
    if (c.src) {
      const src = portId(c.src.process, c.src.port, 'out');
      edges.push({ id: `e${i}`, sources: [src], targets: [tgt], meta: { kind: 'edge', src: c.src, tgt: c.tgt } });
    } else {
      const text = typeof c.data === 'string' ? `'${c.data}'` : JSON.stringify(c.data);
      const shown = text.length > 28 ? `${text.slice(0, 27)}…` : text;
      const id = `iip${i}`;
      children.push({ id, width: shown.length * CHAR + 16, height: 22, meta: { kind: 'iip', text: shown, full: text } });
      edges.push({ id: `e${i}`, sources: [id], targets: [tgt], meta: { kind: 'iip', tgt: c.tgt } });
    }
  });
  const root = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '100',
      'elk.spacing.nodeNode': '28',
      'elk.spacing.edgeLabel': '4',
    },
    children,
    edges,
  };
  return elk.layout(root);
}
