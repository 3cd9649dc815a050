// Cost of reading and writing a process's state from JS, in ns per
// operation, against a baseline that sends a JSON string across the JS/wasm
// boundary and parses it on the other side (what a bridge that serialises
// state on every access does). Every figure comes from the same run.
//
//   node bench/state.mjs [--quick]
//
// Each case runs `ROUNDS` rounds of `iterations` operations after a warm-up;
// the figure is the median round, in ns per operation.
import { init, LiveMemoryStateHandle } from '../node.js';

await init();

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 5 : 15;
const TARGET_NS = quick ? 20e6 : 60e6; // per round

let sink = 0;
const K = 32; // operations per call for the cheap cases

// Each case gets its own copy of the timing loop (made with `new Function`),
// so the call `op(i)` inside it sees one function only and V8 can inline it;
// a loop shared by every case would make the call megamorphic and add
// ~20 ns to every figure.
function makeLoop() {
  return new Function('op', 'iterations', `
    for (let i = 0; i < iterations; i++) op(i);
  `);
}

/**
 * The median ns per operation of `op`, which performs `perCall` operations
 * per call (cheap operations repeat inside `op`, so the cost of calling it
 * does not swamp theirs).
 */
function measure(name, op, perCall = 1) {
  const loop = makeLoop();
  const time = (iterations) => {
    const t0 = process.hrtime.bigint();
    loop(op, iterations);
    return Number(process.hrtime.bigint() - t0);
  };
  // Calibrate the iteration count so one round takes about TARGET_NS.
  let iterations = 1000;
  for (;;) {
    const dt = time(iterations);
    if (dt > TARGET_NS / 4 || iterations > 1e8) {
      iterations = Math.max(1000, Math.round(iterations * TARGET_NS / Math.max(dt, 1)));
      break;
    }
    iterations *= 4;
  }
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) rounds.push(time(iterations) / iterations / perCall);
  rounds.sort((a, b) => a - b);
  return { name, ns: rounds[Math.floor(rounds.length / 2)], iterations };
}

const h = new LiveMemoryStateHandle();
const small = { x: 1, y: 2.5, label: 'penguin', ok: true };
h.set('obj', small);
h.set('n', 42.5);
h.declareHot(['hot', 'hot2']);
h.setNumber('hot', 42.5);
h.setNumber('hot2', 1.5);
// Reads alternate between the two slots (index k & 1), so the JIT cannot
// hoist the load out of the loop as loop-invariant.
const view = h.slots();
const held = view.array;

const cases = [];
const group = (title, baseline, contenders) => cases.push({ title, baseline, contenders });

group('read a small object',
  measure('baseline: JSON.parse(getJson(key))', () => { sink += JSON.parse(h.getJson('obj')).x; }),
  [measure('get(key)', () => { sink += h.get('obj').x; })]);

group('write a small object',
  measure('baseline: setJson(key, JSON.stringify(v))', (i) => { small.x = i; h.setJson('obj', JSON.stringify(small)); }),
  [measure('set(key, v)', (i) => { small.x = i; h.set('obj', small); })]);

group('read a number',
  measure('baseline: JSON.parse(getJson(key))', () => { sink += JSON.parse(h.getJson('n')); }),
  [
    measure('get(key) (JSON map)', () => { sink += h.get('n'); }),
    measure('getNumber(hot field)', () => {
      let acc = 0;
      for (let k = 0; k < K; k++) acc += h.getNumber('hot');
      sink += acc;
    }, K),
    measure('slots().array[i] (zero-copy view)', () => {
      let acc = 0;
      for (let k = 0; k < K; k++) acc += view.array[k & 1];
      sink += acc;
    }, K),
    measure('held Float64Array[i] (zero-copy, no check)', () => {
      let acc = 0;
      for (let k = 0; k < K; k++) acc += held[k & 1];
      sink += acc;
    }, K),
  ]);

group('write a number',
  measure('baseline: setJson(key, JSON.stringify(v))', (i) => { h.setJson('n', JSON.stringify(i + 0.5)); }),
  [
    measure('set(key, v) (JSON map)', (i) => { h.set('n', i + 0.5); }),
    measure('setNumber(hot field, v)', (i) => {
      for (let k = 0; k < K; k++) h.setNumber('hot', i + k + 0.5);
    }, K),
  ]);

const fmt = (x) => x.toFixed(x < 10 ? 2 : 1).padStart(9);
console.log(`node ${process.version}, ${ROUNDS} rounds per case, median ns/op (sink ${sink > 0 ? 'ok' : 0})`);
for (const { title, baseline, contenders } of cases) {
  console.log(`\n${title}`);
  console.log(`  ${baseline.name.padEnd(48)} ${fmt(baseline.ns)} ns/op   1.00x`);
  for (const c of contenders) {
    console.log(`  ${c.name.padEnd(48)} ${fmt(c.ns)} ns/op   ${(baseline.ns / c.ns).toFixed(2)}x faster`);
  }
}
