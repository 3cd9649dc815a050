import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveMemoryStateHandle, SlotView } from '../node.js';
import { graph, registry, Network } from './helpers.mjs';

/** Waits (on the event loop) until `condition()` holds, or fails after `ms`. */
async function until(condition, what, ms = 5000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

test('getNumber/setNumber on hot fields, with errors as exceptions', () => {
  const h = new LiveMemoryStateHandle();
  assert.throws(() => h.setNumber('x', 1), /no hot field "x"/);
  h.declareHot(['x', 'y']);
  h.declareHot(['x', 'y']); // the same list again: fine
  assert.throws(() => h.declareHot(['z']), /already declared/);
  assert.deepEqual(h.hotFields(), ['x', 'y']);
  assert.equal(h.getNumber('x'), 0);
  assert.equal(h.setNumber('x', 2.5), true);
  assert.equal(h.setNumber('x', 2.5), false, 'same value: no change');
  assert.equal(h.getNumber('x'), 2.5);
  h.set('json', 7);
  assert.equal(h.getNumber('json'), 7, 'a JSON number reads too');
  assert.equal(h.getNumber('missing'), undefined);
  assert.throws(() => h.declareHot(['json']), /declared|in use/);
});

test('get, getJson, has, keys and stores see hot fields too', () => {
  const h = new LiveMemoryStateHandle();
  h.set('plain', 'x');
  h.declareHot(['level']);
  h.setNumber('level', 2.5);
  assert.equal(h.get('level'), 2.5);
  assert.equal(h.getJson('level'), '2.5');
  assert.ok(h.has('level'));
  assert.deepEqual(h.keys(), ['plain', 'level']);
  const seen = [];
  const stop = h.store('level').subscribe((v) => seen.push(v));
  h.setNumber('level', 3);
  h.store('level').set(4); // a JSON write to a hot name goes to the hot field
  stop();
  assert.deepEqual(seen, [2.5, 3, 4]);
  assert.equal(h.getNumber('level'), 4);
});

test('hot-field writes notify subscribers once per change, and NaN twice once', () => {
  const h = new LiveMemoryStateHandle();
  h.declareHot(['v']);
  const seen = [];
  h.subscribe('v', (x) => seen.push(x));
  h.setNumber('v', 1);
  h.setNumber('v', 1);
  h.setNumber('v', NaN);
  h.setNumber('v', NaN);
  assert.equal(seen.length, 2);
  assert.equal(seen[0], 1);
});

test('onHotChange wakes after writes and takeHotChanges names the fields', () => {
  const h = new LiveMemoryStateHandle();
  h.declareHot(['a', 'b', 'c']);
  let wakes = 0;
  const remove = h.onHotChange(() => { wakes += 1; });
  h.setNumber('c', 1);
  h.setNumber('a', 1);
  assert.ok(wakes >= 1);
  assert.deepEqual(h.takeHotChanges(), ['a', 'c']);
  assert.deepEqual(h.takeHotChanges(), []);
  remove();
  const before = wakes;
  h.setNumber('b', 5);
  assert.equal(wakes, before, 'removed notifier is not called');
});

test('the zero-copy view sees a Rust write without any call', async () => {
  const net = Network.fromGraph(graph({
    processes: { m: 'rust/RunningMax' }, inports: { IN: 'm.in' }, outports: { MAX: 'm.max' },
  }), registry());
  const state = net.state('m');
  state.declareHot(['count', 'max']); // the same list the Rust actor declares
  const view = state.slots();
  assert.ok(view instanceof SlotView);
  assert.deepEqual(view.names, ['count', 'max']);
  const array = view.array; // held: no call is made to read it below
  assert.ok(array instanceof Float64Array);
  const max = net.outport('MAX');
  net.start();
  await net.send('IN', 4);
  assert.equal(await max.recv(), 4);
  assert.equal(array[1], 4, 'the held Float64Array shows the Rust write');
  assert.equal(array[0], 1);
  await net.send('IN', 9.5);
  assert.equal(await max.recv(), 9.5);
  assert.equal(array[1], 9.5);
  assert.equal(array[0], 2);
  net.close();
  await net.wait();
  // A one-field view starts at that field's slot.
  assert.equal(state.slots('max').get(), 9.5);
  assert.throws(() => state.slots('nope'), /no hot field "nope"/);
});

test('the view is re-created after wasm memory grows', () => {
  const h = new LiveMemoryStateHandle();
  h.declareHot(['n']);
  h.setNumber('n', 3);
  const view = h.slots('n');
  const before = view.array;
  const oldBuffer = before.buffer;
  // Grow wasm memory: store a large value (several MiB) in the state.
  h.set('big', 'x'.repeat(16 * 1024 * 1024));
  h.setNumber('n', 4);
  assert.notEqual(view.array.buffer, oldBuffer, 'memory grew, so the buffer changed');
  assert.equal(oldBuffer.byteLength, 0, 'the old view is detached');
  assert.equal(view.array[0], 4, 'the re-created view reads the current value');
  assert.equal(view.get(), 4);
});

test('a repeater forwards hot-field changes to a JS actor\'s inport, from Rust and from JS', async () => {
  const received = [];
  const net = Network.fromGraph(graph({
    processes: { m: 'rust/RunningMax', js: 'js/Collect' },
    edges: [['m.max', 'js.in']],
    inports: { IN: 'm.in' },
  }), registry({
    'js/Collect': () => ({ inports: ['in'], run(context) { received.push(context.input.in); } }),
  }));
  net.start();
  for (const x of [3, 1, 5, 5, 2, 8]) await net.send('IN', x);
  await until(() => received.length === 3, 'three maxima');
  assert.deepEqual(received, [3, 5, 8]);
  // A JS write to the hot field goes through the same repeater.
  assert.equal(net.state('m').setNumber('max', 100), true);
  await until(() => received.length === 4, 'the JS write to be forwarded');
  assert.deepEqual(received, [3, 5, 8, 100]);
  net.close();
  const report = await net.wait();
  assert.equal(report.reason, 'completed');
});

test('a JS actor can attach a repeater with context.repeat', async () => {
  const received = [];
  const net = Network.fromGraph(graph({
    processes: { js: 'js/Hot', sink: 'js/Collect' },
    edges: [['js.level', 'sink.in']],
    inports: { IN: 'js.in' },
  }), registry({
    'js/Hot': () => ({
      inports: ['in'], outports: ['level'], ready: false,
      run(context) {
        if (!this.ready) {
          context.state.declareHot(['level']);
          assert.throws(() => context.repeat('nope', 'level'), /no hot field/);
          assert.throws(() => context.repeat('level', 'nope'), /no outport "nope"/);
          context.repeat('level', 'level');
          this.ready = true;
        }
        context.state.setNumber('level', context.input.in);
      },
    }),
    'js/Collect': () => ({ inports: ['in'], run(context) { received.push(context.input.in); } }),
  }));
  net.start();
  for (const x of [1, 1, 2, 3]) await net.send('IN', x);
  net.close();
  await net.wait();
  // The first write happens before the repeater is attached (at the end of the first run).
  assert.deepEqual(received, [2, 3]);
});
