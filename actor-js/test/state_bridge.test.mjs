// The JS side of get/set: JSON text across the boundary, the per-handle
// cache checked against the map version, and the exact path for what
// JSON.stringify cannot carry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveMemoryStateHandle } from '../node.js';
import { graph, registry, Network } from './helpers.mjs';

test('get returns a fresh copy: mutating it changes neither the cache nor the state', () => {
  const h = new LiveMemoryStateHandle();
  h.set('o', { a: [1, { b: 2 }], s: 'x' });
  const first = h.get('o');
  first.a[1].b = 99;
  first.s = 'changed';
  first.extra = true;
  assert.deepEqual(h.get('o'), { a: [1, { b: 2 }], s: 'x' });
  assert.equal(h.getJson('o'), '{"a":[1,{"b":2}],"s":"x"}', 'Rust sees the value as written');
  assert.notEqual(h.get('o'), h.get('o'));
  assert.notEqual(h.get('o').a, h.get('o').a, 'nested values are fresh too');
});

test('a cached value is never stale: every kind of write is seen by the next get', () => {
  const h = new LiveMemoryStateHandle();
  const other = net1state(); // a second handle to one state, as a process and a page would hold
  other.a.set('k', { v: 1 });
  assert.deepEqual(other.b.get('k'), { v: 1 });
  other.a.set('k', { v: 2 });
  assert.deepEqual(other.b.get('k'), { v: 2 }, 'a write through another handle');
  other.b.set('k', { v: 3 });
  assert.deepEqual(other.a.get('k'), { v: 3 }, 'and back');
  other.a.setJson('k', '{"v": 4}');
  assert.deepEqual(other.b.get('k'), { v: 4 }, 'a write parsed in Rust');
  other.a.writeValue('k', { v: 5 });
  assert.deepEqual(other.b.get('k'), { v: 5 }, 'a value-by-value write');
  other.a.set('unrelated', 1);
  assert.deepEqual(other.b.get('k'), { v: 5 }, 'after a write to another key');
  other.a.delete('k');
  assert.equal(other.b.get('k'), undefined, 'after a delete');
  other.a.set('k', 'back');
  assert.equal(other.b.get('k'), 'back');
  h.set('n', 1);
  h.set('n', 2);
  assert.equal(h.get('n'), 2);
});

/** Two handles to the state of one process. */
function net1state() {
  const net = Network.fromGraph(graph({ processes: { p: 'core/Repeat' } }), registry());
  return { a: net.state('p'), b: net.state('p') };
}

test('a Rust actor reads a value written as text, and its writes reach a cached reader', async () => {
  const net = Network.fromGraph(graph({
    processes: {
      js: 'js/Hold',
      read: { component: 'rust/ReadState', metadata: { state: 'js', key: 'obj' } },
      inc: { component: 'rust/Increment', metadata: { state: 'js', key: 'n' } },
    },
    inports: { READ: 'read.in', INC: 'inc.in' },
    outports: { OUT: 'read.out', N: 'inc.out' },
  }), registry({ 'js/Hold': () => ({ inports: ['in'], run() {} }) }));
  const state = net.state('js');
  state.set('obj', { name: 'penguin', mass: 3750.5, tags: ['a', 'b'] });
  state.set('n', 10);
  assert.deepEqual(state.get('obj').tags, ['a', 'b']);
  assert.equal(state.get('n'), 10); // both cached now
  const out = net.outport('OUT');
  const n = net.outport('N');
  net.start();
  await net.send('READ', 1);
  assert.deepEqual(await out.recv(), { name: 'penguin', mass: 3750.5, tags: ['a', 'b'] }, 'Rust parsed the text JS wrote');
  await net.send('INC', 1);
  assert.equal(await n.recv(), 11);
  assert.equal(state.get('n'), 11, 'the cached reader sees the Rust write');
  net.close();
  await net.wait();
});

test('subscribers hear text writes once per change, and not for an equal value', () => {
  const h = new LiveMemoryStateHandle();
  const seen = [];
  h.subscribe('o', (v) => seen.push(v));
  h.set('o', { a: 1, b: 2 });
  h.set('o', { a: 1, b: 2 }); // the same text
  h.set('o', { b: 2, a: 1 }); // an equal value, written in another key order
  assert.deepEqual(Object.keys(h.get('o')), ['a', 'b'], 'the stored value (and its order) stays');
  h.set('o', { a: 1, b: 3 });
  assert.deepEqual(seen, [{ a: 1, b: 2 }, { a: 1, b: 3 }]);
});

test('what JSON.stringify would change takes the exact path, as before', () => {
  const h = new LiveMemoryStateHandle();
  class Point { constructor() { this.x = 1; } }
  h.set('v', {
    u: undefined, n: NaN, i: -Infinity, bytes: new Uint8Array([1, 2]), big: 5n, neg0: -0,
    point: new Point(), date: new Date(0), hole: [1, , 3], // eslint-disable-line no-sparse-arrays
  });
  assert.deepEqual(h.get('v'), {
    u: null, n: null, i: null, bytes: [1, 2], big: 5, neg0: 0, point: { x: 1 }, date: {}, hole: [1, null, 3],
  });
  h.set('top', undefined);
  assert.equal(h.get('top'), null);
  h.set('float', 2 ** 60); // an integer-valued float beyond 2^53 stays a float
  assert.match(h.getJson('float'), /^1\.152921504606847e\+?18$/);
  assert.throws(() => h.set('f', { toJSON() { return 1; } }), /a function is not JSON/);
  const deep = JSON.parse('['.repeat(110) + ']'.repeat(110));
  h.set('deep', deep);
  assert.equal(h.getJson('deep'), '['.repeat(110) + ']'.repeat(110), 'deep but within limits: stored exactly');
  const cyclic = { a: 1 };
  cyclic.self = cyclic;
  assert.throws(() => h.set('c', cyclic), /nested deeper than 128 levels/);
  assert.equal(h.get('c'), undefined, 'nothing stored');
});

test('a lone surrogate, which serde_json refuses as text, is stored as the exact path stores it', () => {
  const h = new LiveMemoryStateHandle();
  h.set('s', 'a\ud800b');
  assert.equal(h.get('s'), 'a\ufffdb');
  h.set('o', { k: '\udc00' });
  assert.deepEqual(h.get('o'), { k: '\ufffd' });
  h.set('ok', '\ud83d\udc27');
  assert.equal(h.get('ok'), '\u{1F427}', 'a paired surrogate is text like any other');
});

test('doubles cross as text without losing a bit', () => {
  const h = new LiveMemoryStateHandle();
  const values = [0.1, 0.1 + 0.2, 5e-324, 1.7976931348623157e308, 2.2250738585072014e-308, -1.638344060600543e-227, Math.PI];
  let x = 0x2545f491;
  for (let i = 0; i < 2000; i++) {
    // Random bit patterns over all exponents (xorshift32 for both halves).
    const words = new Uint32Array(2);
    for (let w = 0; w < 2; w++) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
      words[w] = x >>> 0;
    }
    const f = new Float64Array(words.buffer)[0];
    if (Number.isFinite(f) && !Number.isInteger(f)) values.push(f);
  }
  h.set('all', values);
  // Rust parsed the text; its own serialization, parsed by JS, gives the same doubles.
  const back = JSON.parse(h.getJson('all'));
  assert.equal(back.length, values.length);
  for (let i = 0; i < values.length; i++) assert.ok(Object.is(back[i], values[i]), `${values[i]} came back as ${back[i]}`);
});

test('integers beyond 2^53 reach JS as BigInt and go back exactly', () => {
  const h = new LiveMemoryStateHandle();
  const text = '{"id":12345678901234567890,"neg":-9007199254740993,"safe":9007199254740991,"list":[1,18446744073709551615]}';
  h.setJson('k', text);
  const value = h.get('k');
  assert.deepEqual(value, { id: 12345678901234567890n, neg: -9007199254740993n, safe: 9007199254740991, list: [1, 18446744073709551615n] });
  h.set('copy', value);
  assert.equal(h.getJson('copy'), text, 'written back: the same integers');
  h.setJson('top', '-9223372036854775808');
  assert.equal(h.get('top'), -9223372036854775808n);
  assert.deepEqual(h.toJSON().copy, value);
  const seen = [];
  h.subscribe('k', (v) => seen.push(v));
  h.setJson('k', '{"id":9007199254740993}');
  assert.deepEqual(seen, [{ id: 9007199254740993n }], 'subscribers get BigInt too');
  assert.equal(h.store('k').get().id, 9007199254740993n, 'and stores');
  assert.throws(() => h.set('too-big', 2n ** 64n), /BigInt outside the i64 and u64 ranges/);
});

test('a freed handle refuses get and set instead of reading freed memory', () => {
  const h = new LiveMemoryStateHandle();
  h.set('k', 1);
  assert.equal(h.get('k'), 1);
  h.free();
  assert.throws(() => h.get('k'), /freed/);
  assert.throws(() => h.set('k', 2), /freed/);
  assert.throws(() => h.getNumber('k'), /freed/);
});

test('get copies a cached value exactly: order, nesting, and a __proto__ key as an own property', () => {
  const h = new LiveMemoryStateHandle();
  h.setJson('k', '{"b":1,"a":{"__proto__":{"x":[1,{"y":null}]},"2":"two","1":"one"},"list":[[],{}]}');
  const expected = JSON.parse(h.getJson('k'));
  for (let i = 0; i < 3; i++) {
    const v = h.get('k'); // a miss, then cache hits
    assert.deepEqual(v, expected);
    assert.equal(JSON.stringify(v), JSON.stringify(expected), 'same keys in the same order');
    assert.ok(Object.hasOwn(v.a, '__proto__'), '__proto__ is an own property');
    assert.equal(Object.getPrototypeOf(v.a), Object.prototype, 'and not the prototype');
    assert.deepEqual(v.a.__proto__, { x: [1, { y: null }] });
    v.a.__proto__.x.push('mutated');
  }
});

test('a scalar reads back as the state stores it, and a subscriber that rewrites the key wins', () => {
  const h = new LiveMemoryStateHandle();
  h.set('n', NaN);
  assert.equal(h.get('n'), null, 'JSON has no NaN');
  h.set('n', -0);
  assert.ok(Object.is(h.get('n'), 0), 'nor -0');
  h.set('n', Infinity);
  assert.equal(h.get('n'), null);
  h.set('s', 'a\ud800');
  assert.equal(h.get('s'), 'a\ufffd');
  h.set('b', false);
  assert.equal(h.get('b'), false);
  h.set('z', null);
  assert.equal(h.get('z'), null);
  // A subscriber writes the key again while set runs: the later write wins.
  h.subscribe('k', (v) => { if (v === 1) h.set('k', 2); });
  h.subscribe('o', (v) => { if (v.step === 1) h.set('o', { step: 2 }); });
  h.set('k', 1);
  assert.equal(h.get('k'), 2);
  h.set('o', { step: 1 });
  assert.deepEqual(h.get('o'), { step: 2 });
  // And one that writes another key leaves this one as written.
  h.subscribe('p', (v) => h.set('q', v));
  h.set('p', 7);
  assert.deepEqual([h.get('p'), h.get('q')], [7, 7]);
});

test('object writes survive wasm memory growth and carry any Unicode text', () => {
  const h = new LiveMemoryStateHandle();
  h.set('o', { name: 'Adélie', bird: '\u{1F427}', cjk: '企鹅' });
  assert.deepEqual(h.get('o'), { name: 'Adélie', bird: '\u{1F427}', cjk: '企鹅' });
  h.set('big', 'x'.repeat(16 * 1024 * 1024)); // grows wasm memory: JS views over it detach
  const long = { rows: Array.from({ length: 2000 }, (_, i) => ({ i, s: `row ${i} é` })) };
  h.set('o', long); // a text larger than the scratch area had room for
  assert.equal(h.getJson('o'), JSON.stringify(long), 'Rust holds the text JS wrote');
  h.set('o', { after: 'growth' });
  assert.deepEqual(h.get('o'), { after: 'growth' });
  assert.equal(h.getJson('o'), '{"after":"growth"}');
});
