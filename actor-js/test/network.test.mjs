import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExternActor, Network } from '../node.js';
import { graph, registry, runWith } from './helpers.mjs';

/** A JS actor that writes each packet's data to its state key `last`, then forwards it. */
const writer = () => ({
  inports: ['in'], outports: ['out'], state: null,
  run(context) {
    context.state.set('last', context.input.in);
    context.send({ out: 'last' }); // the key the Rust reader should read
  },
});

test('a JS write is seen by a Rust actor in the same run', async () => {
  const net = Network.fromGraph(graph({
    processes: { js: 'js/Writer', rust: { component: 'rust/ReadState', metadata: { state: 'js' } } },
    edges: [['js.out', 'rust.in']],
    inports: { IN: 'js.in' },
    outports: { OUT: 'rust.out' },
  }), registry({ 'js/Writer': writer }));
  assert.ok(net.state('js').sameAs(net.state('rust')), 'the two processes hold one state');
  const inputs = [1, { a: [2, 3] }, 'four', null];
  const { got, report } = await runWith(net, 'IN', inputs);
  assert.deepEqual(got, inputs, 'the Rust actor read each value the JS actor had just written');
  assert.equal(report.reason, 'completed');
});

test('a Rust actor\'s write fires a JS subscription, in the JS actor and outside it', async () => {
  const seenByActor = [];
  const watcher = () => ({
    inports: ['in'], outports: [], state: null, subscribed: false,
    run(context) {
      if (!this.subscribed) {
        this.subscribed = true;
        context.state.subscribe('count', (v) => seenByActor.push(v));
      }
    },
  });
  const net = Network.fromGraph(graph({
    processes: { rust: 'rust/Increment', js: { component: 'js/Watcher', metadata: { state: 'rust' } } },
    edges: [['rust.out', 'js.in']],
    inports: { IN: 'rust.in' },
  }), registry({ 'js/Watcher': watcher }));
  const seenOutside = [];
  net.state('rust').subscribe('count', (v) => seenOutside.push(v));
  await runWith(net, 'IN', ['tick', 'tick', 'tick', 'tick'], null);
  assert.deepEqual(seenOutside, [1, 2, 3, 4]);
  // The JS actor subscribed in its first run, after the first Rust write.
  assert.ok(seenByActor.length >= 2 && seenByActor.at(-1) === 4, JSON.stringify(seenByActor));
  assert.deepEqual(seenByActor, [...seenByActor].sort((a, b) => a - b));
});

test('state persists across many runs of a JS actor, through one handle object', async () => {
  const handles = new Set();
  let assigned;
  class Counter {
    inports = ['in']; outports = ['out'];
    #state;
    get state() { return this.#state; }
    set state(v) { assigned = (assigned ?? 0) + 1; this.#state = v; }
    run(context) {
      handles.add(context.state);
      assert.equal(context.state, this.state);
      const n = (context.state.get('count') ?? 0) + 1;
      context.state.set('count', n);
      context.send({ out: n });
    }
  }
  const net = Network.fromGraph(graph({
    processes: { counter: 'js/Counter' }, inports: { IN: 'counter.in' }, outports: { OUT: 'counter.out' },
  }), registry({ 'js/Counter': () => new Counter() }));
  const N = 500;
  const { got } = await runWith(net, 'IN', Array.from({ length: N }, (_, i) => i));
  assert.equal(got.length, N);
  assert.deepEqual(got.slice(-3), [N - 2, N - 1, N]);
  assert.equal(net.state('counter').get('count'), N);
  assert.equal(handles.size, 1, 'every run got the same state handle object');
  assert.equal(assigned, 1, 'the state setter ran once');
});

test('an async run is awaited before the next packet, and its sends are delivered in order', async () => {
  const order = [];
  const slow = () => ({
    inports: ['in'], outports: ['out'],
    async run(context) {
      order.push(`start ${context.input.in}`);
      await new Promise((r) => setTimeout(r, 2));
      order.push(`end ${context.input.in}`);
      context.send({ out: context.input.in * 2 });
      context.send({ out: context.input.in * 2 + 1 });
    },
  });
  const net = Network.fromGraph(graph({
    processes: { s: 'js/Slow' }, inports: { IN: 's.in' }, outports: { OUT: 's.out' },
  }), registry({ 'js/Slow': slow }));
  const { got } = await runWith(net, 'IN', [1, 2, 3]);
  assert.deepEqual(got, [2, 3, 4, 5, 6, 7]);
  assert.deepEqual(order, ['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
});

test('packets carry bytes, errors, brackets and the activation details', async () => {
  const seen = [];
  const probe = () => ({
    inports: ['in'], outports: ['out'],
    run(context) {
      seen.push({ trigger: context.trigger, process: context.process, config: context.config, packets: context.packets });
      if (context.input.in !== undefined) context.send({ out: context.input.in });
    },
  });
  const net = Network.fromGraph(graph({
    processes: { p: { component: 'js/Probe', metadata: { answer: 42 } } },
    inports: { IN: 'p.in' }, outports: { OUT: 'p.out' },
  }), registry({ 'js/Probe': probe }));
  const { got } = await runWith(net, 'IN', [new Uint8Array([1, 2, 255]), new Error('bad row')]);
  assert.ok(got[0] instanceof Uint8Array);
  assert.deepEqual([...got[0]], [1, 2, 255]);
  assert.ok(got[1] instanceof Error);
  assert.equal(got[1].message, 'bad row');
  assert.equal(seen[0].trigger, 'in');
  assert.equal(seen[0].process, 'p');
  assert.deepEqual(seen[0].config, { answer: 42 });
  assert.equal(seen[0].packets[0].type, 'data');
  assert.equal(seen[0].packets[0].port, 'in');
});

test('a throwing JS actor fails the run with its process name and message', async () => {
  const failing = () => ({
    inports: ['in'], outports: [],
    run(context) { if (context.input.in === 2) throw new Error('no twos'); },
  });
  const net = Network.fromGraph(graph({ processes: { f: 'js/Failing' }, inports: { IN: 'f.in' } }),
    registry({ 'js/Failing': failing }));
  net.start();
  await net.send('IN', 1);
  await net.send('IN', 2);
  await assert.rejects(net.wait(), (e) => e instanceof Error && /"f"/.test(e.message) && /no twos/.test(e.message));
});

test('context.error and rejected promises fail the run too', async () => {
  for (const run of [
    function (context) { context.error(new Error('reported')); },
    async function () { throw new Error('reported'); },
  ]) {
    const net = Network.fromGraph(graph({ processes: { f: 'js/F' }, inports: { IN: 'f.in' } }),
      registry({ 'js/F': () => ({ inports: ['in'], run }) }));
    net.start();
    await net.send('IN', 1);
    await assert.rejects(net.wait(), /reported/);
  }
});

test('sending on an undeclared outport throws inside run, naming the ports', async () => {
  let caught;
  const bad = () => ({
    inports: ['in'], outports: ['out'],
    run(context) {
      try { context.send({ nope: 1 }); } catch (e) { caught = e; }
    },
  });
  const net = Network.fromGraph(graph({ processes: { b: 'js/Bad' }, inports: { IN: 'b.in' } }),
    registry({ 'js/Bad': bad }));
  await runWith(net, 'IN', [1], null);
  assert.ok(caught instanceof Error);
  assert.match(caught.message, /no outport "nope" \(it has: out\)/);
});

test('invalid actors, graphs and calls are clear JS exceptions', () => {
  const r = registry();
  assert.throws(() => r.register('js/X', () => ({ inports: ['in'] })), /`run` must be a function/);
  assert.throws(() => r.register('js/Y', () => ({ inports: 'in', run() {} })), /array of port names/);
  assert.throws(() => new ExternActor({ inports: ['a', 'a'], run() {} }), /names "a" twice/);
  assert.deepEqual(new ExternActor({ inports: ['a'], outports: ['b'], run() {} }).outports, ['b']);
  assert.throws(() => Network.fromJson('{"processes": {,}}', r), /^Error: <input>:1:16: invalid graph JSON/);
  assert.throws(() => Network.fromJson('{"processes": {,}}', r, 'g.json'), /g\.json:1:16/);
  assert.throws(() => Network.fromFbp('a(core/Repeat) OUT -> ', r, 'g.fbp'), /g\.fbp:1:\d+: Expected/);
  assert.throws(() => Network.fromGraph(graph({ processes: { a: 'no/Such' } }), r), /no\/Such/);
  const net = Network.fromGraph(graph({ processes: { a: 'core/Repeat' }, inports: { IN: 'a.in' } }), r);
  assert.throws(() => net.state('zzz'), /no process "zzz"/);
  assert.throws(() => net.send('NOPE', 1), /not open/);
  assert.throws(() => net.wait(), /before start/);
  net.start();
  assert.throws(() => net.start(), /already started/);
  assert.throws(() => net.outport('OUT'), /before start/);
  net.stop();
});

test('outports deliver by callback too, and stop() ends a network that would run on', async () => {
  const net = Network.fromGraph(graph({
    processes: { a: 'core/Repeat' }, inports: { IN: 'a.in' }, outports: { OUT: 'a.out' },
  }), registry());
  const got = [];
  net.outport('OUT').onPacket((v) => got.push(v));
  net.start();
  await net.send('IN', 'x');
  await net.send('IN', 'y');
  while (got.length < 2) await new Promise((r) => setTimeout(r, 1));
  net.stop();
  const report = await net.wait();
  assert.equal(report.reason, 'stopped');
  assert.deepEqual(got, ['x', 'y']);
});

test('a graph written in .fbp runs JS and Rust actors on one state', async () => {
  const text = `
    # JS writes, Rust reads the same state (state=js), in the same run.
    INPORT=js.IN:IN
    OUTPORT=rust.OUT:OUT
    js(js/Writer) OUT -> IN rust(rust/ReadState:state=js)
`;
  const net = Network.fromFbp(text, registry({ 'js/Writer': writer }), 'sharing.fbp');
  // .fbp lowercases port names, exported ones included.
  const { got } = await runWith(net, 'in', [10, 'eleven'], 'out');
  assert.deepEqual(got, [10, 'eleven']);
});

test('run is called once per packet even when packets arrive in a burst', async () => {
  const runs = [];
  const net = Network.fromGraph(graph({
    processes: { r: 'js/Record' },
    iips: [[1, 'r.in'], [2, 'r.in'], [3, 'r.in'], [4, 'r.in'], [5, 'r.in']],
  }), registry({
    'js/Record': () => ({
      inports: ['in'],
      run(context) { runs.push([context.input.in, context.packets.length, context.trigger]); },
    }),
  }));
  net.start();
  await net.wait();
  // The five IIPs wait in the connection before the process starts, so the
  // network hands them over in one activation; the JS actor still sees five runs.
  assert.deepEqual(runs, [[1, 1, 'in'], [2, 1, 'in'], [3, 1, 'in'], [4, 1, 'in'], [5, 1, 'in']]);
});

test('finish(context) runs once after the last packet, and what it sends is delivered', async () => {
  const calls = [];
  const net = Network.fromGraph(graph({
    processes: { s: 'js/Sum' }, inports: { IN: 's.in' }, outports: { OUT: 's.sum' },
  }), registry({
    'js/Sum': () => ({
      inports: ['in'], outports: ['sum'],
      run(context) {
        calls.push('run');
        context.state.set('total', (context.state.get('total') ?? 0) + context.input.in);
      },
      async finish(context) {
        calls.push('finish');
        await null;
        context.send({ sum: context.state.get('total') });
      },
    }),
  }));
  const { got } = await runWith(net, 'IN', [1, 2, 3, 4]);
  assert.deepEqual(got, [10]);
  assert.deepEqual(calls, ['run', 'run', 'run', 'run', 'finish']);
  assert.throws(() => registry().register('js/F', () => ({ run() {}, finish: 3 })), /`finish` must be a function/);
});
