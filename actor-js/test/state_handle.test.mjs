import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveMemoryStateHandle } from '../node.js';
import './helpers.mjs';

test('get/set/has/delete/keys/toJSON round-trip JSON-shaped values', () => {
  const h = new LiveMemoryStateHandle();
  assert.equal(h.get('missing'), undefined);
  h.set('n', 3);
  h.set('o', { a: [1, 2.5, null, true], b: 'x' });
  assert.equal(h.get('n'), 3);
  assert.deepEqual(h.get('o'), { a: [1, 2.5, null, true], b: 'x' });
  assert.notEqual(h.get('o'), h.get('o'), 'get returns a fresh JS object each time');
  assert.ok(h.has('n'));
  assert.deepEqual(h.keys(), ['n', 'o']);
  assert.deepEqual(JSON.parse(JSON.stringify(h)), { n: 3, o: { a: [1, 2.5, null, true], b: 'x' } });
  assert.equal(h.delete('n'), true);
  assert.equal(h.delete('n'), false);
  assert.equal(h.has('n'), false);
  assert.deepEqual(h.toJSON(), { o: { a: [1, 2.5, null, true], b: 'x' } });
});

test('JS integers arrive in Rust as JSON integers, fractions as floats', () => {
  const h = new LiveMemoryStateHandle();
  h.set('i', 42);
  h.set('f', 0.5);
  h.set('big', 2 ** 60);
  assert.equal(h.getJson('i'), '42');
  assert.equal(h.getJson('f'), '0.5');
  assert.match(h.getJson('big'), /^1\.152921504606847e\+?18$/, 'beyond 2^53: a float');
});

test('bad input is a JS exception with a message, and leaves the state unchanged', () => {
  const h = new LiveMemoryStateHandle();
  h.set('k', 1);
  assert.throws(() => h.set('k', () => 1), (e) => e instanceof Error && /state key "k"/.test(e.message));
  assert.throws(() => h.set('k', Symbol('s')), Error);
  assert.throws(() => h.setJson('k', '{"a": }'), (e) => /line 1 column 7/.test(e.message));
  assert.throws(() => h.set('k', { nested: { f() {} } }), /a function is not JSON/);
  const cyclic = { a: 1 };
  cyclic.self = cyclic;
  assert.throws(() => h.set('k', cyclic), /nested deeper than 128 levels/);
  assert.throws(() => h.set('k', 2n ** 70n), /BigInt/);
  assert.equal(h.get('k'), 1);
  // The module still works after all of these (no trap, no poisoned lock).
  h.set('k', 2);
  assert.equal(h.get('k'), 2);
});

test('undefined, NaN and Infinity become null; bytes an array; BigInt an integer', () => {
  const h = new LiveMemoryStateHandle();
  h.set('v', { u: undefined, n: NaN, i: Infinity, b: new Uint8Array([1, 2]), big: 5n });
  assert.deepEqual(h.get('v'), { u: null, n: null, i: null, b: [1, 2], big: 5 });
});

test('subscribe fires once per change, after the write, with undefined on delete', () => {
  const h = new LiveMemoryStateHandle();
  const seen = [];
  const unsubscribe = h.subscribe('x', (v) => seen.push([v, h.get('x')]));
  h.set('x', 1);
  h.set('x', 1); // same value: no change, no call
  h.set('x', { deep: [1] });
  h.set('other', 5);
  h.delete('x');
  unsubscribe();
  unsubscribe(); // harmless
  h.set('x', 99);
  assert.deepEqual(seen, [[1, 1], [{ deep: [1] }, { deep: [1] }], [undefined, undefined]]);
});

test('a subscriber may write the state (no lock is held while it runs)', () => {
  const h = new LiveMemoryStateHandle();
  h.subscribe('a', (v) => h.set('b', v * 10));
  h.set('a', 4);
  assert.equal(h.get('b'), 40);
});

test('a throwing subscriber does not break the writer or other subscribers', () => {
  const h = new LiveMemoryStateHandle();
  const seen = [];
  const original = console.error;
  const errors = [];
  console.error = (m) => errors.push(String(m));
  try {
    h.subscribe('a', () => { throw new Error('boom'); });
    h.subscribe('a', (v) => seen.push(v));
    h.set('a', 1);
  } finally {
    console.error = original;
  }
  assert.deepEqual(seen, [1]);
  assert.equal(h.get('a'), 1);
  assert.ok(errors.some((m) => m.includes('boom')), errors.join('\n'));
});

test('subscriberCount counts live subscribe and store callbacks, for every key', () => {
  const h = new LiveMemoryStateHandle();
  h.declareHot(['max']);
  assert.equal(h.subscriberCount, 0);
  const offA = h.subscribe('a', () => {});
  const offMax = h.subscribe('max', () => {});
  const offStore = h.store('a').subscribe(() => {});
  assert.equal(h.subscriberCount, 3);
  const other = new LiveMemoryStateHandle();
  assert.equal(other.subscriberCount, 0, 'another state has its own count');
  offA();
  offA(); // harmless: counted once
  assert.equal(h.subscriberCount, 2);
  offMax();
  offStore();
  assert.equal(h.subscriberCount, 0);
});
