// @actorflow/js/svelte in Svelte 5 components compiled in Node (each
// component its own compilation, mounted into jsdom): reads are tracked
// across the compilation boundary and the JS/Rust boundary, writes go
// through, and unmounting leaves no subscription on the state.
// Run with: node --conditions=browser --test test/svelte-dom/*.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileComponent, compileSvelteModule, target, settle } from './dom.mjs';
import { flushSync, mount, unmount } from 'svelte';
import { liveField, liveState } from '@actorflow/js/svelte';
import { LiveMemoryStateHandle } from '../../node.js';
import { graph, registry, Network } from '../helpers.mjs';

// The child: it imports nothing from actorflow. It gets the live objects as
// props from whoever mounts it, reads them in its template, a $derived and
// an $effect, and writes on a click.
const CHILD = `
<script>
  import { onMount } from 'svelte';
  let { live, peak, effects = [], mounted = () => {} } = $props();
  onMount(() => mounted());
  const doubled = $derived(live.count * 2);
  $effect(() => { effects.push(live.count); });
</script>
<div>
  <output class="count">{live.count}</output>
  <output class="doubled">{doubled}</output>
  <output class="peak">{peak?.current}</output>
  <button class="child-inc" onclick={() => (live.count += 1)}>+1 from the child</button>
</div>
`;

// The parent: another compilation. It makes the live object and mounts the
// child itself with mount(Child, { target, props: { live } }).
const PARENT = `
<script>
  import { mount, unmount } from 'svelte';
  import { liveState } from '@actorflow/js/svelte';
  let { handle, Child, childProps = {} } = $props();
  const live = $derived(liveState(handle));
  let slot = $state();
  let child = null;
  $effect(() => {
    child = mount(Child, { target: slot, props: { live, ...childProps } });
    return () => unmountChild();
  });
  export function unmountChild() {
    if (child) unmount(child);
    child = null;
  }
</script>
<section>
  <output class="parent-count">{live.count}</output>
  <button class="parent-inc" onclick={() => (live.count += 1)}>+1 from the parent</button>
  <div bind:this={slot}></div>
</section>
`;

const Child = await compileComponent(CHILD, 'Child');
const Parent = await compileComponent(PARENT, 'Parent');

const text = (root, selector) => root.querySelector(selector).textContent;

/** Resolves with the next value written to `key` (from JS or Rust). */
function nextChange(handle, key) {
  return new Promise((resolve) => {
    const off = handle.subscribe(key, (v) => {
      off();
      resolve(v);
    });
  });
}

/**
 * A running network: `inc` (rust/Increment) adds 1 to `count` per packet on
 * INC, `reader` (rust/ReadState, sharing inc's state) sends the value as
 * Rust sees it on VALUE per packet on READ, `max` (rust/RunningMax) keeps
 * hot fields count and max, fed by NUMBERS.
 */
function network() {
  const net = Network.fromGraph(graph({
    processes: {
      inc: 'rust/Increment',
      reader: { component: 'rust/ReadState', metadata: { state: 'inc', key: 'count' } },
      max: 'rust/RunningMax',
    },
    inports: { INC: 'inc.in', READ: 'reader.in', NUMBERS: 'max.in' },
    outports: { INC_OUT: 'inc.out', VALUE: 'reader.out', MAX: 'max.max' },
  }), registry());
  const ports = { incOut: net.outport('INC_OUT'), value: net.outport('VALUE'), max: net.outport('MAX') };
  const state = net.state('inc');
  const hot = net.state('max');
  hot.declareHot(['count', 'max']); // the list RunningMax declares
  state.set('count', 0);
  net.start();
  return {
    net, state, hot, ...ports,
    /** A Rust actor's write: resolves once rust/Increment has written. */
    async rustIncrement() {
      await net.send('INC', 'tick');
      return ports.incOut.recv();
    },
    /** What a Rust actor reads now. */
    async rustRead() {
      await net.send('READ', 'count');
      return ports.value.recv();
    },
    async close() {
      net.close();
      await net.wait();
    },
  };
}

test('the four behaviours, with a parent and a child from separate compilations', async () => {
  const n = network();
  const mounts = [];
  const effects = [];
  const el = target();
  const parent = mount(Parent, {
    target: el,
    props: { handle: n.state, Child, childProps: { peak: liveField(n.hot, 'max'), effects, mounted: () => mounts.push(1) } },
  });
  flushSync();
  const childCount = el.querySelector('.count');
  assert.equal(childCount.textContent, '0');
  assert.equal(text(el, '.parent-count'), '0');
  assert.equal(mounts.length, 1);
  // Parent and child read `count` through the same object: one subscription on the state.
  assert.equal(n.state.subscriberCount, 1);

  // 1. A Rust actor's write in the running network updates the child, without a re-mount.
  assert.equal(await n.rustIncrement(), 1);
  flushSync();
  assert.equal(text(el, '.count'), '1');
  assert.equal(text(el, '.doubled'), '2', 'a $derived re-ran');
  assert.equal(el.querySelector('.count'), childCount, 'the same DOM node: no re-mount');
  assert.equal(mounts.length, 1, 'the child script ran once');

  // 2. A write from the parent component updates the child.
  el.querySelector('.parent-inc').click();
  flushSync();
  assert.equal(text(el, '.count'), '2');
  assert.equal(text(el, '.parent-count'), '2');

  // 3. The child's own write reaches Rust (a Rust actor reads it back) and the parent.
  el.querySelector('.child-inc').click();
  flushSync();
  assert.equal(await n.rustRead(), 3, 'rust/ReadState reads what the child wrote');
  assert.equal(text(el, '.parent-count'), '3');
  assert.equal(text(el, '.count'), '3');

  // A hot field written by a Rust actor, read through the zero-copy view.
  await n.net.send('NUMBERS', 41.5);
  assert.equal(await n.max.recv(), 41.5);
  flushSync();
  assert.equal(text(el, '.peak'), '41.5');
  assert.equal(n.hot.subscriberCount, 1);

  assert.deepEqual(effects, [0, 1, 2, 3], 'the $effect ran once per write, whoever wrote');
  assert.equal(mounts.length, 1);

  // 4. After unmount, the state has no subscribers left.
  parent.unmountChild();
  await settle();
  assert.equal(n.state.subscriberCount, 1, 'the parent still reads count');
  assert.equal(n.hot.subscriberCount, 0, 'only the child read the hot field');
  await unmount(parent);
  await settle();
  assert.equal(n.state.subscriberCount, 0);
  assert.equal(n.hot.subscriberCount, 0);
  assert.equal(el.innerHTML, '');

  // Writes after unmount reach no component, and nothing throws.
  assert.equal(await n.rustIncrement(), 4);
  assert.deepEqual(effects, [0, 1, 2, 3]);
  await n.close();
});

test('a child mounted directly by the host follows writes from JS, Rust and another component', async () => {
  const n = network();
  const live = liveState(n.state);
  const a = target();
  const b = target();
  const one = mount(Child, { target: a, props: { live } });
  const two = mount(Child, { target: b, props: { live } });
  flushSync();
  a.querySelector('.child-inc').click(); // component one writes
  flushSync();
  assert.equal(text(b, '.count'), '1', 'component two sees component one\'s write');
  n.state.set('count', 10); // plain JS, through the handle
  flushSync();
  assert.equal(text(a, '.count'), '10');
  assert.equal(text(b, '.count'), '10');
  assert.equal(await n.rustIncrement(), 11);
  flushSync();
  assert.equal(text(a, '.count'), '11');
  assert.equal(text(b, '.count'), '11');
  await unmount(one);
  await settle();
  assert.equal(n.state.subscriberCount, 1, 'component two still reads');
  await unmount(two);
  await settle();
  assert.equal(n.state.subscriberCount, 0);
  await n.close();
});

test('the subscription starts with the first tracked read, not before', async () => {
  const h = new LiveMemoryStateHandle();
  h.set('count', 5);
  const live = liveState(h);
  const field = liveField(h, 'count');
  assert.equal(live.count, 5, 'an untracked read returns the value');
  assert.equal(field.current, 5);
  assert.equal(h.subscriberCount, 0, 'reads outside an effect subscribe to nothing');
  const Quiet = await compileComponent('<script>let { live } = $props();</script><p>no reads</p>', 'Quiet');
  const el = target();
  const quiet = mount(Quiet, { target: el, props: { live } });
  flushSync();
  assert.equal(h.subscriberCount, 0, 'a component that never reads subscribes to nothing');
  await unmount(quiet);
  // Many effects reading one key share one subscription on the state.
  const Many = await compileComponent(`
<script>
  let { live, field } = $props();
  const sum = $derived(live.count + field.current);
</script>
<p>{live.count} {live.count} {field.current} {sum}</p>`, 'Many');
  const many = mount(Many, { target: el, props: { live, field } });
  flushSync();
  assert.equal(el.textContent, '5 5 5 10');
  assert.equal(h.subscriberCount, 2, 'one per live object (liveState and liveField each subscribe once)');
  h.set('count', 6);
  flushSync();
  assert.equal(el.textContent, '6 6 6 12');
  await unmount(many);
  await settle();
  assert.equal(h.subscriberCount, 0);
});

test('several writes in one task re-run an effect once, with the last value', async () => {
  const h = new LiveMemoryStateHandle();
  h.set('count', 0);
  const live = liveState(h);
  const effects = [];
  const el = target();
  const child = mount(Child, { target: el, props: { live, effects } });
  flushSync();
  h.set('count', 1);
  live.count = 2;
  h.set('count', 3);
  flushSync();
  assert.deepEqual(effects, [0, 3]);
  assert.equal(text(el, '.count'), '3');
  await unmount(child);
  await settle();
  assert.equal(h.subscriberCount, 0);
});

test('liveState reads and writes JSON values and hot fields alike', async () => {
  const h = new LiveMemoryStateHandle();
  h.declareHot(['level']);
  h.set('user', { name: 'Ada', tags: ['x'] });
  const live = liveState(h);
  assert.deepEqual(live.user, { name: 'Ada', tags: ['x'] });
  assert.equal(live.level, 0);
  live.level = 2.5;
  assert.equal(h.getNumber('level'), 2.5);
  live.user = { name: 'Grace' };
  assert.deepEqual(h.get('user'), { name: 'Grace' });
  assert.equal(live.missing, undefined);
  assert.equal('user' in live, true);
  assert.equal('missing' in live, false);
  assert.deepEqual(Object.keys(live), ['user', 'level']);
  assert.deepEqual(JSON.parse(JSON.stringify(live)), { user: { name: 'Grace' }, level: 2.5 });
  delete live.user;
  assert.equal(h.has('user'), false);
  assert.equal(live[Symbol.iterator], undefined, 'symbols are not state keys');

  // A template reading a key that does not exist yet shows it once it is set.
  const Show = await compileComponent(`
<script>let { live } = $props();</script>
<p>{'user' in live ? live.user.name : 'nobody'} at {live.level}</p>`, 'Show');
  const el = target();
  const show = mount(Show, { target: el, props: { live } });
  flushSync();
  assert.equal(el.textContent, 'nobody at 2.5');
  h.set('user', { name: 'Edsger' });
  h.setNumber('level', 3);
  flushSync();
  assert.equal(el.textContent, 'Edsger at 3');
  await unmount(show);
  await settle();
  assert.equal(h.subscriberCount, 0);
});

test('a hot field reads through the zero-copy view, with no call into wasm', () => {
  const h = new LiveMemoryStateHandle();
  const max = liveField(h, 'max'); // before declareHot, as UI code made before a network runs would
  assert.equal(max.key, 'max');
  assert.equal(max.current, undefined);
  h.declareHot(['count', 'max']); // as rust/RunningMax does on its first packet
  assert.equal(max.current, 0); // finds out once that `max` is a hot field
  for (const name of ['get', 'getNumber', 'getNumberAt', 'isHot']) {
    h[name] = () => { throw new Error(`${name} was called`); };
  }
  h.setNumber('max', 7.25);
  assert.equal(max.current, 7.25);
  max.current = 8; // through setNumber
  assert.equal(max.current, 8);
});

test('reads of a JSON key stop asking whether it is hot; writes still check', () => {
  const h = new LiveMemoryStateHandle();
  h.set('n', 1);
  const n = liveField(h, 'n');
  assert.equal(n.current, 1);
  let asked = 0;
  const isHot = h.isHot.bind(h);
  h.isHot = (key) => { asked += 1; return isHot(key); };
  assert.equal(n.current, 1);
  assert.equal(n.current, 1);
  assert.equal(asked, 0, 'a name holding a JSON value cannot be declared hot');
  n.current = 2;
  assert.equal(asked, 1);
  assert.equal(h.get('n'), 2);
});

test('bad input: clear errors, and the state is unchanged', () => {
  const h = new LiveMemoryStateHandle();
  h.declareHot(['max']);
  h.set('k', 1);
  assert.throws(() => liveState({}), /liveState: expected a LiveMemoryStateHandle/);
  assert.throws(() => liveField(null, 'k'), /liveField: expected a LiveMemoryStateHandle/);
  assert.throws(() => liveField(h, 3), /the key must be a string/);
  const live = liveState(h);
  assert.throws(() => { live.max = 'high'; }, (e) => e instanceof TypeError && /hot field "max" takes a number/.test(e.message));
  assert.equal(h.getNumber('max'), 0);
  assert.throws(() => { live.k = () => 1; }, /state key "k"/);
  assert.equal(h.get('k'), 1);
  assert.throws(() => Object.defineProperty(live, 'k', { value: 2 }), TypeError);
  assert.equal(h.get('k'), 1);
});

test('$state(live) keeps the live object instead of copying it', async () => {
  const { hold } = await compileSvelteModule(`
export function hold(value) {
  let held = $state(value);
  return held;
}`, 'hold');
  const h = new LiveMemoryStateHandle();
  const live = liveState(h);
  assert.equal(hold(live), live, 'the same object, still live');
  const plain = { count: 1 };
  assert.notEqual(hold(plain), plain, 'a plain object is copied into a proxy (for comparison)');
});
