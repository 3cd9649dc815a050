// Automatic state-sharing scenarios, run both by the browser page
// (state_sharing_test.html) and by the node tests (test/scenarios.test.mjs).
// Each scenario is `{ name, run(api) }`; `run` resolves to a short detail
// string on success and throws on failure. `api` is the @actorflow/js module
// (web or node entry), already initialised.

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function same(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  check(a === e, `${what}: expected ${e}, got ${a}`);
}

function graph({ processes, edges = [], inports = {}, outports = {} }) {
  const ref = (s) => ({ process: s.split('.')[0], port: s.split('.')[1] });
  return {
    processes: Object.fromEntries(Object.entries(processes).map(([n, p]) =>
      [n, typeof p === 'string' ? { component: p } : p])),
    connections: edges.map(([s, t]) => ({ src: ref(s), tgt: ref(t) })),
    inports: Object.fromEntries(Object.entries(inports).map(([k, v]) => [k, ref(v)])),
    outports: Object.fromEntries(Object.entries(outports).map(([k, v]) => [k, ref(v)])),
  };
}

async function until(condition, what, ms = 5000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

/**
 * Starts `net`, feeds `inputs` into exported inport `port` while reading outport `outName`
 * concurrently (connections are bounded), closes the inports and waits; returns what was read.
 * Pass `outName = null` to read nothing. Shared with the node tests (`test/helpers.mjs`).
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

export const scenarios = [
  {
    name: 'a JS write is seen by a Rust actor in the same run',
    async run({ Registry, Network }) {
      const registry = new Registry();
      registry.register('js/Writer', () => ({
        inports: ['in'], outports: ['out'],
        run(context) {
          context.state.set('last', context.input.in);
          context.send({ out: 'last' });
        },
      }));
      const net = Network.fromGraph(graph({
        processes: { js: 'js/Writer', rust: { component: 'rust/ReadState', metadata: { state: 'js' } } },
        edges: [['js.out', 'rust.in']], inports: { IN: 'js.in' }, outports: { OUT: 'rust.out' },
      }), registry);
      const inputs = [7, { deep: [1, 2] }, 'text'];
      const { got } = await runWith(net, 'IN', inputs, 'OUT');
      same(got, inputs, 'values the Rust actor read');
      return `Rust read back ${got.length} values the JS actor wrote`;
    },
  },
  {
    name: "a Rust actor's write fires a JS subscription",
    async run({ Registry, Network }) {
      const net = Network.fromGraph(graph({
        processes: { rust: 'rust/Increment' }, inports: { IN: 'rust.in' },
      }), new Registry());
      const seen = [];
      net.state('rust').subscribe('count', (v) => seen.push(v));
      await runWith(net, 'IN', ['a', 'b', 'c'], null);
      same(seen, [1, 2, 3], 'subscription calls');
      return `subscription saw ${seen.join(', ')}`;
    },
  },
  {
    name: 'state persists across many runs of a JS actor',
    async run({ Registry, Network }) {
      const registry = new Registry();
      const handles = new Set();
      registry.register('js/Counter', () => ({
        inports: ['in'], outports: [], state: null,
        run(context) {
          handles.add(context.state);
          context.state.set('count', (context.state.get('count') ?? 0) + 1);
        },
      }));
      const net = Network.fromGraph(graph({ processes: { c: 'js/Counter' }, inports: { IN: 'c.in' } }), registry);
      const n = 300;
      await runWith(net, 'IN', Array.from({ length: n }, (_, i) => i), null);
      same(net.state('c').get('count'), n, 'count after the runs');
      same(handles.size, 1, 'distinct state handle objects seen by the runs');
      return `${n} runs, one handle object, count = ${n}`;
    },
  },
  {
    name: "a repeater forwards a hot-field change to a JS actor's inport",
    async run({ Registry, Network }) {
      const registry = new Registry();
      const received = [];
      registry.register('js/Collect', () => ({
        inports: ['in'], run(context) { received.push(context.input.in); },
      }));
      const net = Network.fromGraph(graph({
        processes: { m: 'rust/RunningMax', js: 'js/Collect' },
        edges: [['m.max', 'js.in']], inports: { IN: 'm.in' },
      }), registry);
      net.start();
      for (const x of [3, 1, 5, 2, 8]) await net.send('IN', x);
      await until(() => received.length === 3, 'three maxima');
      same(received, [3, 5, 8], 'maxima forwarded from Rust writes');
      net.state('m').setNumber('max', 100);
      await until(() => received.length === 4, 'the JS write to be forwarded');
      same(received, [3, 5, 8, 100], 'after a JS setNumber');
      net.close();
      await net.wait();
      return `JS actor received ${received.join(', ')}`;
    },
  },
  {
    name: 'the zero-copy view sees a Rust write without any call',
    async run({ Registry, Network }) {
      const net = Network.fromGraph(graph({
        processes: { m: 'rust/RunningMax' }, inports: { IN: 'm.in' }, outports: { MAX: 'm.max' },
      }), new Registry());
      const state = net.state('m');
      state.declareHot(['count', 'max']);
      const array = state.slots().array;
      check(array instanceof Float64Array, 'slots().array is not a Float64Array');
      const max = net.outport('MAX');
      net.start();
      await net.send('IN', 41.5);
      await max.recv();
      same([array[0], array[1]], [1, 41.5], 'count and max read from the held view');
      net.close();
      await net.wait();
      return `Float64Array over wasm memory read ${array[1]} written by Rust`;
    },
  },
  {
    name: 'a .fbp graph loads and runs',
    async run({ Registry, Network }) {
      const net = Network.fromFbp(
        'INPORT=a.IN:IN\nOUTPORT=b.OUT:OUT\na(core/Repeat) OUT -> IN b(core/Repeat)\n', new Registry(), 'inline.fbp');
      const { got } = await runWith(net, 'in', ['x', 2], 'out');
      same(got, ['x', 2], 'packets through two core/Repeat processes');
      return 'a(core/Repeat) -> b(core/Repeat) forwarded 2 packets';
    },
  },
  {
    name: 'a state handle is the same instance as the process state, never a copy',
    async run({ Registry, Network }) {
      const net = Network.fromGraph(graph({
        processes: { a: 'rust/Increment', b: { component: 'rust/ReadState', metadata: { state: 'a' } } },
      }), new Registry());
      const a = net.state('a');
      const b = net.state('b');
      check(a.sameAs(b), 'the handles of a and b point to different states');
      a.set('x', { y: 1 });
      same(b.get('x'), { y: 1 }, 'read through the other handle');
      return `${a.handleCount} handles to one state`;
    },
  },
  {
    name: 'the Svelte store contract holds across the boundary',
    async run({ LiveMemoryStateHandle }) {
      const h = new LiveMemoryStateHandle();
      h.set('n', 1);
      const store = h.store('n');
      const calls = [];
      const unsubscribe = store.subscribe((v) => calls.push(v));
      same(calls, [1], 'calls right after subscribe');
      check(typeof unsubscribe === 'function', 'subscribe must return a function');
      store.set(2);
      h.set('n', 3);
      store.update((v) => v * 10);
      unsubscribe();
      h.set('n', 0);
      same(calls, [1, 2, 3, 30], 'calls');
      return 'subscribe/set/update/unsubscribe behave as Svelte expects';
    },
  },
  {
    name: 'errors become JS exceptions with a message',
    async run({ LiveMemoryStateHandle, Registry }) {
      const h = new LiveMemoryStateHandle();
      let message = '';
      try {
        h.set('f', () => 1);
      } catch (e) {
        check(e instanceof Error, 'not an Error');
        message = e.message;
      }
      check(/state key "f"/.test(message), `message: ${message}`);
      let actorMessage = '';
      try {
        new Registry().register('js/Bad', () => ({ inports: ['in'] }));
      } catch (e) {
        actorMessage = e.message;
      }
      check(/run/.test(actorMessage), `message: ${actorMessage}`);
      return message;
    },
  },
  {
    name: 'hot fields written through a view reach subscribers and repeaters once per commit',
    async run({ Registry, Network }) {
      const received = [];
      const registry = new Registry();
      registry.register('js/Collect', () => ({ inports: ['in'], run(context) { received.push(context.input.in); } }));
      const net = Network.fromGraph(graph({
        processes: { m: 'rust/RunningMax', js: 'js/Collect' }, edges: [['m.max', 'js.in']], inports: { IN: 'm.in' },
      }), registry);
      const state = net.state('m');
      net.start();
      await net.send('IN', 3); // RunningMax declares count and max and attaches its repeater
      await until(() => received.length === 1, 'the first maximum');
      const seen = [];
      state.subscribe('count', (v) => seen.push(['count', v, state.getNumber('max')]));
      const view = state.slots();
      view.array[0] = 2;
      view.array[1] = 10;
      view.array[1] = 20; // never reported: only the committed value is
      check(seen.length === 0, 'a subscriber ran before the commit');
      same(view.commit(), 2, 'fields changed by the commit');
      same(seen, [['count', 2, 20]], 'the subscriber of count saw max already committed');
      await until(() => received.length === 2, 'the repeater to forward');
      same(received, [3, 20], 'the repeater forwarded the committed max once');
      net.close();
      await net.wait();
      return 'one commit: one call per field, one forward, no partial state seen';
    },
  },
  {
    name: 'a cached get sees every write, from JS or Rust',
    async run({ Registry, Network }) {
      const net = Network.fromGraph(graph({
        processes: { js: 'core/Repeat', inc: { component: 'rust/Increment', metadata: { state: 'js', key: 'n' } } },
        inports: { INC: 'inc.in' }, outports: { N: 'inc.out' },
      }), new Registry());
      const a = net.state('js');
      const b = net.state('js');
      a.set('n', 1);
      same(b.get('n'), 1, 'b after a JS write through a');
      same(b.get('n'), 1, 'b again (cached)');
      const n = net.outport('N');
      net.start();
      await net.send('INC', 'go');
      same(await n.recv(), 2, 'rust/Increment');
      same([a.get('n'), b.get('n')], [2, 2], 'both handles after the Rust write');
      b.set('o', { list: [1, 2] });
      const copy = a.get('o');
      copy.list.push(3);
      same(a.get('o'), { list: [1, 2] }, 'a get after mutating what get returned');
      net.close();
      await net.wait();
      return 'JS and Rust writes seen at once through two cached handles';
    },
  },
  {
    name: 'state integers beyond 2^53 reach JS as BigInt and go back exactly',
    async run({ LiveMemoryStateHandle }) {
      const h = new LiveMemoryStateHandle();
      const text = '{"id":12345678901234567890,"neg":-9007199254740993,"safe":9007199254740991}';
      h.setJson('k', text);
      const v = h.get('k');
      check(v.id === 12345678901234567890n && v.neg === -9007199254740993n && v.safe === 9007199254740991,
        `got ${String(v.id)}, ${String(v.neg)}, ${String(v.safe)}`);
      h.set('back', v);
      same(h.getJson('back'), text, 'written back');
      return `${v.id} made the round trip`;
    },
  },
];

/** Runs every scenario; resolves to `[{ name, ok, detail }]`. */
export async function runScenarios(api, list = scenarios) {
  const results = [];
  for (const s of list) {
    try {
      results.push({ name: s.name, ok: true, detail: String(await s.run(api)) });
    } catch (e) {
      results.push({ name: s.name, ok: false, detail: e?.stack ?? String(e) });
    }
  }
  return results;
}
