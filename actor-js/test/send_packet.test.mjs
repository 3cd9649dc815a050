import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Network } from '../node.js';
import { graph, registry } from './helpers.mjs';

/** Wraps each number in a bracket group on `out`, and routes it to `arr[n % 2]`. */
const grouper = () => ({
  inports: ['in'], outports: ['out', 'arr'], state: null,
  run(context) {
    const n = context.input.in;
    context.sendPacket({ port: 'out', type: 'openBracket', data: `g${n}` });
    context.send({ out: n });
    context.sendPacket({ port: 'out', type: 'closeBracket' });
    context.sendPacket({ port: 'arr', index: n % 2, data: n });
  },
});

async function drain(outport) {
  const got = [];
  for (;;) {
    const p = await outport.recvPacket();
    if (p === undefined) return got;
    got.push(p);
  }
}

test('a JS actor sends bracket IPs and addresses array-outport indices', async () => {
  const g = graph({
    processes: { js: 'js/Grouper', even: 'core/Repeat', odd: 'core/Repeat' },
    inports: { IN: 'js.in' },
    outports: { OUT: 'js.out', EVEN: 'even.out', ODD: 'odd.out' },
  });
  g.connections.push(
    { src: { process: 'js', port: 'arr', index: 0 }, tgt: { process: 'even', port: 'in' } },
    { src: { process: 'js', port: 'arr', index: 1 }, tgt: { process: 'odd', port: 'in' } },
  );
  const net = Network.fromGraph(g, registry({ 'js/Grouper': grouper }));
  const [out, even, odd] = [net.outport('OUT'), net.outport('EVEN'), net.outport('ODD')];
  net.start();
  const reading = Promise.all([drain(out), drain(even), drain(odd)]);
  for (const n of [1, 2, 3, 4]) await net.send('IN', n);
  net.close();
  await net.wait();
  const [grouped, evens, odds] = await reading;
  const types = (ps) => ps.map((p) => `${p.type}:${p.data ?? ''}`);
  assert.deepEqual(types(grouped), [1, 2, 3, 4].flatMap((n) => [`openBracket:g${n}`, `data:${n}`, 'closeBracket:']));
  assert.deepEqual(types(evens), ['data:2', 'data:4']);
  assert.deepEqual(types(odds), ['data:1', 'data:3']);
});

test('sendPacket rejects a bad type, index or port with a message', async () => {
  const errors = [];
  const bad = () => ({
    inports: ['in'], outports: ['out'], state: null,
    run(context) {
      for (const p of [
        { port: 'out', type: 'bracket' },
        { port: 'out', index: -1 },
        { port: 'out', index: 1.5 },
        { port: 'nope' },
        'not an object',
      ]) {
        try { context.sendPacket(p); errors.push('accepted'); } catch (e) { errors.push(e.message); }
      }
    },
  });
  const net = Network.fromGraph(graph({ processes: { b: 'js/Bad' }, inports: { IN: 'b.in' } }),
    registry({ 'js/Bad': bad }));
  net.start();
  await net.send('IN', 1);
  net.close();
  await net.wait();
  assert.equal(errors.length, 5);
  assert.match(errors[0], /`type` must be "data", "openBracket" or "closeBracket"/);
  assert.match(errors[1], /`index` must be a whole number/);
  assert.match(errors[2], /`index` must be a whole number/);
  assert.match(errors[3], /no outport "nope"/);
  assert.match(errors[4], /sendPacket expects an object/);
});

test('integers beyond 2^53 cross the boundary as BigInts, both ways, without rounding', async () => {
  const net = Network.fromGraph(graph({
    processes: { r: 'core/Repeat' }, inports: { IN: 'r.in' }, outports: { OUT: 'r.out' },
  }), registry());
  const out = net.outport('OUT');
  net.start();
  const big = 2n ** 60n + 1n;
  await net.send('IN', big);
  await net.send('IN', -(2n ** 62n));
  await net.send('IN', 2 ** 53 - 1);
  net.close();
  const got = [];
  for await (const v of out) got.push(v);
  await net.wait();
  assert.deepEqual(got, [big, -(2n ** 62n), 2 ** 53 - 1]);
  assert.equal(typeof got[2], 'number', 'a safe integer stays a number');
});
