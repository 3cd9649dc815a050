// Batched hot-field writes: stores through a SlotView, then one commit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveMemoryStateHandle } from '../node.js';
import { graph, registry, Network } from './helpers.mjs';

/** Waits (on the event loop) until `condition()` holds, or fails after `ms`. */
async function until(condition, what, ms = 5000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

test('a write through the view is read at once but reported only at commit, once per field', () => {
  const h = new LiveMemoryStateHandle();
  h.declareHot(['a', 'b', 'c']);
  const seen = [];
  for (const name of ['a', 'b', 'c']) h.subscribe(name, (v) => seen.push([name, v]));
  let wakes = 0;
  h.onHotChange(() => { wakes += 1; });
  const view = h.slots();
  view.array[0] = 1.5;
  view.array[2] = -3;
  view.array[2] = 3; // overwritten before the commit
  assert.equal(h.getNumber('a'), 1.5, 'JS reads the new value at once');
  assert.equal(h.readValue('c'), 3, 'so does Rust (readValue reads the slot in Rust)');
  assert.equal(h.getJson('a'), '1.5');
  assert.deepEqual(seen, [], 'no subscriber before the commit');
  assert.equal(wakes, 0);
  assert.deepEqual(h.takeHotChanges(), []);
  assert.equal(view.commit(), 2);
  assert.deepEqual(seen, [['a', 1.5], ['c', 3]], 'once per changed field, with the final value');
  assert.equal(wakes, 1, 'the notifier woke once for the whole commit');
  assert.deepEqual(h.takeHotChanges(), ['a', 'c']);
  assert.equal(view.commit(), 0, 'nothing new to report');
  view.array[1] = 0; // the value it already had
  assert.equal(view.commit(), 0, 'writing the old value back is no change');
  assert.equal(seen.length, 2);
});

test('no subscriber sees part of a commit', () => {
  const h = new LiveMemoryStateHandle();
  h.declareHot(['x', 'y', 'sum']);
  const view = h.slots();
  const observed = [];
  // Invariant kept by every writer: sum === x + y.
  h.subscribe('x', () => observed.push(h.getNumber('x') + h.getNumber('y') === h.getNumber('sum')));
  for (let i = 1; i <= 5; i++) {
    const a = view.array;
    a[0] = i;
    a[1] = 10 * i;
    a[2] = 11 * i;
    view.commit();
  }
  assert.deepEqual(observed, [true, true, true, true, true]);
  // The same writes one setNumber at a time: the subscriber of x runs
  // before y and sum are written, and sees the invariant broken.
  h.setNumber('x', 100);
  h.setNumber('y', 1);
  h.setNumber('sum', 101);
  assert.equal(observed.at(-1), false);
});

test('a repeater forwards once per commit, only the committed value', async () => {
  const received = [];
  const net = Network.fromGraph(graph({
    processes: { m: 'rust/RunningMax', js: 'js/Collect' },
    edges: [['m.max', 'js.in']],
    inports: { IN: 'm.in' },
  }), registry({
    'js/Collect': () => ({ inports: ['in'], run(context) { received.push(context.input.in); } }),
  }));
  net.start();
  await net.send('IN', 3); // the Rust actor declares its hot fields and its repeater
  await until(() => received.length === 1, 'the first maximum');
  const state = net.state('m');
  const max = state.slots('max');
  max.array[0] = 200;
  max.array[0] = 300; // the repeater must never forward 200
  assert.equal(max.commit(), 1);
  await until(() => received.length === 2, 'the committed maximum');
  const all = state.slots();
  all.array[0] = 7; // count
  all.array[1] = 400; // max
  assert.equal(all.commit(), 2);
  await until(() => received.length === 3, 'the second commit');
  net.close();
  await net.wait();
  assert.deepEqual(received, [3, 300, 400]);
});

test('an uncommitted write stays in memory, and a later commit or setNumber reports it', () => {
  const h = new LiveMemoryStateHandle();
  h.declareHot(['a', 'b']);
  const seen = [];
  h.subscribe('a', (v) => seen.push(v));
  h.subscribe('b', (v) => seen.push(v));
  const onlyB = h.slots('b');
  h.slots().array[0] = 4; // written through one view, never committed by it
  assert.equal(onlyB.commit(), 0, 'a view commits its own slots only');
  assert.deepEqual(seen, []);
  assert.equal(h.getNumber('a'), 4);
  assert.equal(h.slots('a').commit(), 1, 'another view over the slot reports it');
  assert.deepEqual(seen, [4]);
  onlyB.array[0] = 9;
  assert.equal(h.setNumber('b', 9), true, 'the memory held 9, but the graph did not know: a change');
  assert.deepEqual(seen, [4, 9]);
  assert.equal(onlyB.commit(), 0);
});

test('getNumber reads the slots without a call, also after wasm memory grows', () => {
  const h = new LiveMemoryStateHandle();
  h.declareHot(['n', 'm']);
  h.setNumber('n', 3);
  assert.equal(h.getNumber('n'), 3);
  h.set('big', 'x'.repeat(16 * 1024 * 1024)); // grows wasm memory: old views detach
  assert.equal(h.getNumber('n'), 3);
  h.setNumber('m', 4);
  assert.equal(h.getNumberAt(1), 4);
  assert.equal(h.setNumberAt(0, 5), true);
  assert.equal(h.getNumber('n'), 5);
  assert.throws(() => h.getNumberAt(2), /no hot field in slot 2 \(there are 2: n, m\)/);
  assert.throws(() => h.setNumberAt(-1, 1), /no hot field in slot -1/);
  assert.throws(() => h.setNumber('x', 1), /no hot field "x" \(declared: n, m\)/);
  h.set('json', 7);
  assert.equal(h.getNumber('json'), 7, 'a JSON number still reads');
  assert.equal(h.getNumber('missing'), undefined);
});
