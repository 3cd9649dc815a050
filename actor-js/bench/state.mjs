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

function measure(name, op) {
  // Calibrate the iteration count so one round takes about TARGET_NS.
  let iterations = 1000;
  for (;;) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) op(i);
    const dt = Number(process.hrtime.bigint() - t0);
    if (dt > TARGET_NS / 4 || iterations > 1e8) {
      iterations = Math.max(1000, Math.round(iterations * TARGET_NS / Math.max(dt, 1)));
      break;
    }
    iterations *= 4;
  }
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) op(i);
    rounds.push(Number(process.hrtime.bigint() - t0) / iterations);
  }
  rounds.sort((a, b) => a - b);
  return { name, ns: rounds[Math.floor(rounds.length / 2)], iterations };
}

const h = new LiveMemoryStateHandle();
const small = { x: 1, y: 2.5, label: 'penguin', ok: true };
h.set('obj', small);
h.set('n', 42.5);

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
  [measure('get(key)', () => { sink += h.get('n'); })]);

group('write a number',
  measure('baseline: setJson(key, JSON.stringify(v))', (i) => { h.setJson('n', JSON.stringify(i + 0.5)); }),
  [measure('set(key, v)', (i) => { h.set('n', i + 0.5); })]);

const fmt = (x) => x.toFixed(x < 10 ? 2 : 1).padStart(9);
console.log(`node ${process.version}, ${ROUNDS} rounds per case, median ns/op (sink ${sink > 0 ? 'ok' : 0})`);
for (const { title, baseline, contenders } of cases) {
  console.log(`\n${title}`);
  console.log(`  ${baseline.name.padEnd(48)} ${fmt(baseline.ns)} ns/op   1.00x`);
  for (const c of contenders) {
    console.log(`  ${c.name.padEnd(48)} ${fmt(c.ns)} ns/op   ${(baseline.ns / c.ns).toFixed(2)}x faster`);
  }
}
