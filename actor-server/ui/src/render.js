// Draws a laid-out graph (see layout.js) as SVG, and updates it live.

const SVG = 'http://www.w3.org/2000/svg';

function el(name, attrs = {}, text) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The key naming an edge in the page: `a.out -> b.in` (ports lowercased, with [index]). */
export function edgeKey(src, tgt) {
  const end = (r) => `${r.node ?? r.process}.${r.port.toLowerCase()}${r.index != null ? `[${r.index}]` : ''}`;
  return `${src ? end(src) : 'IIP'} -> ${end(tgt)}`;
}

function short(value, n = 14) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

/** Renders `laid` into `container`; returns handles to update it. */
export function render(container, laid) {
  container.replaceChildren();
  // Scaled down to the page's width when wider; never scaled up.
  const svg = el('svg', { width: '100%', viewBox: `-20 -20 ${laid.width + 40} ${laid.height + 40}` });
  svg.style.maxWidth = `${laid.width + 40}px`;
  const edgeLayer = el('g');
  const nodeLayer = el('g');
  svg.append(edgeLayer, nodeLayer);
  const nodes = new Map();
  /** The node drawn for process `name`: its own, or its subgraph's (`node/inner`). */
  const nodeOf = (name) => nodes.get(name) ?? nodes.get(name.split('/')[0]);
  const edges = new Map();

  for (const n of laid.children) {
    const g = el('g', { transform: `translate(${n.x},${n.y})` });
    if (n.meta.kind === 'iip') {
      g.setAttribute('class', 'iip');
      g.append(el('rect', { width: n.width, height: n.height }), el('text', { x: 8, y: 15 }, n.meta.text));
      g.append(el('title', {}, n.meta.full));
    } else {
      g.setAttribute('class', 'node');
      g.dataset.process = n.meta.name;
      g.append(el('rect', { class: 'box', width: n.width, height: n.height }));
      g.append(el('text', { class: 'name', x: n.width / 2, y: 18, 'text-anchor': 'middle' }, n.meta.name));
      g.append(el('text', { class: 'component', x: n.width / 2, y: 32, 'text-anchor': 'middle' }, n.meta.component));
      for (const p of n.ports || []) {
        const pg = el('g', { class: 'port', transform: `translate(${p.x + 4},${p.y + 4})` });
        pg.append(el('circle', { r: 4 }));
        const inward = p.meta.dir === 'in' ? 8 : -8;
        pg.append(el('text', { x: inward, y: 3, 'text-anchor': p.meta.dir === 'in' ? 'start' : 'end' }, p.meta.name.toUpperCase()));
        g.append(pg);
      }
      nodes.set(n.meta.name, g);
    }
    nodeLayer.append(g);
  }

  for (const e of laid.edges) {
    const g = el('g', { class: 'edge' });
    for (const s of e.sections || []) {
      const pts = [s.startPoint, ...(s.bendPoints || []), s.endPoint];
      g.append(el('path', { d: pts.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join(' ') }));
    }
    if (e.meta.kind === 'edge') {
      const key = edgeKey(e.meta.src, e.meta.tgt);
      g.dataset.edge = key;
      const s = e.sections?.[0];
      const a = s?.startPoint ?? { x: 0, y: 0 };
      const b = s?.bendPoints?.[0] ?? s?.endPoint ?? a;
      const x = (a.x + b.x) / 2;
      const y = Math.min(a.y, b.y) - 6;
      const count = el('text', { class: 'count', x, y, 'text-anchor': 'middle' }, '');
      const last = el('text', { class: 'last', x, y: y + 24, 'text-anchor': 'middle' }, '');
      const tip = el('title', {}, '');
      g.append(tip);
      g.append(count, last);
      edges.set(key, { g, count, last, tip });
    }
    edgeLayer.append(g);
  }
  container.append(svg);

  return {
    /** Shows the packet count of an edge. */
    count(key, packets) {
      const e = edges.get(key);
      if (e) {
        e.count.textContent = packets.toLocaleString('en');
        e.g.classList.toggle('active', packets > 0);
      }
    },
    /** Shows the last data seen on an edge. */
    data(key, data) {
      const e = edges.get(key);
      if (e) {
        e.last.textContent = short(data);
        e.tip.textContent = `last packet: ${JSON.stringify(data)}`;
      }
    },
    /**
     * Marks which processes are busy. A subgraph is drawn as one node: it
     * is busy while one of its processes (named `node/inner`) is.
     */
    busy(names) {
      for (const [name, g] of nodes) {
        g.classList.toggle('busy', names.some((n) => n === name || n.startsWith(`${name}/`)));
      }
    },
    /** Marks a process that failed (a process inside a subgraph marks its node). */
    failed(name) {
      nodeOf(name)?.classList.add('failed');
    },
    /** Marks a process that failed and was restarted: the run goes on. */
    restarted(name) {
      nodeOf(name)?.classList.add('restarted');
    },
    reset() {
      for (const g of nodes.values()) g.classList.remove('failed', 'busy', 'restarted');
      for (const e of edges.values()) {
        e.count.textContent = '';
        e.last.textContent = '';
        e.g.classList.remove('active');
      }
    },
  };
}
