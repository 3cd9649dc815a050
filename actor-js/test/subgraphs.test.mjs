import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Network } from '../node.js';
import { registry, runWith } from './helpers.mjs';

/** A JS actor that adds its state's `sum` to each number and sends the new sum. */
const accumulate = () => ({
  inports: ['in'], outports: ['out'], state: null,
  run(context) {
    const sum = (context.state.get('sum') ?? 0) + context.input.in;
    context.state.set('sum', sum);
    context.send({ out: sum });
  },
});

// A subgraph mixing a JS actor and a Rust one: IN -> acc (JS) -> inc
// (rust/Increment, which counts packets in its own state) -> OUT.
const RUNNING = `# @description Running sums
INPORT=acc.IN:IN
OUTPORT=acc.OUT:OUT
acc(js/Accumulate) OUT -> IN inc(rust/Increment)
`;

test('a graph registered in the JS Registry is a component, and each instance has its own state', async () => {
  const r = registry({ 'js/Accumulate': accumulate });
  r.registerFbp('lib/Running', RUNNING, 'Running.fbp');
  assert.ok(r.isGraph('lib/Running') && !r.isGraph('js/Accumulate'));
  assert.deepEqual(r.problems('lib/Running'), []);
  assert.ok(r.names().includes('lib/Running'));

  const main = `INPORT=a.IN:IN
OUTPORT=b.OUT:OUT
a(lib/Running) OUT -> IN b(lib/Running)
`;
  const net = Network.fromFbp(main, r, 'main.fbp');
  // Path names reach the inner processes; the two instances share nothing.
  const states = ['a/acc', 'a/inc', 'b/acc', 'b/inc'].map((name) => net.state(name));
  assert.ok(!states[0].sameAs(states[2]) && !states[1].sameAs(states[3]));
  assert.throws(() => net.state('a'), /no process "a"/);

  const inputs = Array.from({ length: 1000 }, (_, i) => i + 1);
  const { got } = await runWith(net, 'in', inputs, 'out');
  // a sends the running sums of 1..n, b the running sums of those.
  let s1 = 0;
  let s2 = 0;
  const expected = inputs.map((x) => { s1 += x; s2 += s1; return s2; });
  assert.deepEqual(got, expected);
  assert.equal(net.state('a/acc').get('sum'), 500500);
  assert.equal(net.state('a/inc').get('count'), 1000);
  assert.equal(net.state('b/inc').get('count'), 1000);
});

test('a graph with problems is registered, says what is wrong, and a network using it throws with its positions', () => {
  const r = registry();
  r.registerFbp('lib/Broken', 'INPORT=a.IN:IN\na(core/Repeat) NOPE -> IN b(core/Repeat)\n', 'Broken.fbp');
  assert.deepEqual(r.problems('lib/Broken'), [
    'Broken.fbp:2:16: connection a.nope -> b.in: process "a" (core/Repeat) has no outport "nope" (outports: out)',
  ]);
  assert.throws(
    () => Network.fromFbp("'x' -> IN top(lib/Broken)\n", r, 'main.fbp'),
    /Broken\.fbp:2:16: connection top\/a\.nope -> top\/b\.in: process "top\/a" \(core\/Repeat\) has no outport "nope"/,
  );
  assert.throws(() => r.registerFbp('lib/Bad', 'a OUT => IN b', 'Bad.fbp'), /Bad\.fbp:1:7: /);
  assert.ok(!r.has('lib/Bad'), 'text that does not parse registers nothing');
});

test('registerGraph and registerJson take NoFlo graph JSON, in any order of registration', async () => {
  const r = registry();
  // lib/Outer uses lib/Relay before lib/Relay exists.
  r.registerJson('lib/Outer', JSON.stringify({
    inports: { in: { process: 'inner', port: 'in' } },
    outports: { out: { process: 'inner', port: 'out' } },
    processes: { inner: { component: 'lib/Relay' } },
  }), 'Outer.json');
  assert.match(r.problems('lib/Outer')[0], /unknown component "lib\/Relay"/);
  r.registerGraph('lib/Relay', {
    inports: { in: { process: 'r', port: 'in' } },
    outports: { out: { process: 'r', port: 'out' } },
    processes: { r: { component: 'core/Repeat' } },
  });
  assert.deepEqual(r.problems('lib/Outer'), []);
  const net = Network.fromFbp('INPORT=top.IN:IN\nOUTPORT=top.OUT:OUT\ntop(lib/Outer)\n', r);
  const { got } = await runWith(net, 'in', ['x', 'y', 'z'], 'out');
  assert.deepEqual(got, ['x', 'y', 'z']);
  assert.ok(net.state('top/inner/r'));
});
