import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, derived, fromStore } from 'svelte/store';
import { LiveMemoryStateHandle } from '../node.js';
import { graph, registry, Network, runWith } from './helpers.mjs';

test('store(key) follows the Svelte store contract', () => {
  const h = new LiveMemoryStateHandle();
  h.set('count', 1);
  const store = h.store('count');
  const calls = [];
  const unsubscribe = store.subscribe((v) => calls.push(v));
  assert.deepEqual(calls, [1], 'run is called at once, synchronously, with the current value');
  assert.equal(typeof unsubscribe, 'function');
  store.set(2); // through the store
  h.set('count', 3); // through the handle
  store.update((n) => n + 10);
  unsubscribe();
  store.set(100);
  assert.deepEqual(calls, [1, 2, 3, 13]);
  assert.equal(h.get('count'), 100);
});

test('Svelte\'s own get, derived and fromStore read the store live', () => {
  const h = new LiveMemoryStateHandle();
  const store = h.store('n');
  assert.equal(get(store), undefined);
  h.set('n', 5);
  assert.equal(get(store), 5);
  const doubled = derived(store, (n) => n * 2);
  const seen = [];
  const stop = doubled.subscribe((v) => seen.push(v));
  h.set('n', 6);
  h.set('n', 7);
  stop();
  assert.deepEqual(seen, [10, 12, 14]);
  const box = fromStore(store);
  assert.equal(box.current, 7);
  box.current = 8; // writes through the store's set
  assert.equal(h.get('n'), 8);
});

test('a store sees writes a Rust actor makes while the network runs', async () => {
  const net = Network.fromGraph(
    graph({ processes: { rust: 'rust/Increment' }, inports: { IN: 'rust.in' } }),
    registry(),
  );
  const seen = [];
  const unsubscribe = net.state('rust').store('count').subscribe((v) => seen.push(v));
  await runWith(net, 'IN', ['a', 'b', 'c'], null);
  unsubscribe();
  assert.deepEqual(seen, [undefined, 1, 2, 3]);
});
