// Cost of @actorflow/js/svelte, in ns per operation, against baselines
// measured in the same run: reading a key through liveState / liveField
// against reading it from the handle directly, and a write that re-runs one
// $effect against the same with a Svelte `$state` object.
//
//   node --conditions=browser bench/svelte.mjs [--quick]
//
// (--conditions=browser: Svelte's client runtime, where effects track.)
// Times are CPU time of the process (process.cpuUsage, microsecond
// resolution, so rounds are long), not wall time.
// Each case runs ROUNDS rounds of about TARGET_NS after a calibration,
// interleaved with the other cases of its group; ns/op is the median round,
// and the cost ratio is the median of the per-round ratios to the baseline.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileModule } from 'svelte/compiler';
import { flushSync } from 'svelte';
import { init, LiveMemoryStateHandle } from '../node.js';
import { liveField, liveState } from '../svelte.js';

if (!import.meta.resolve('svelte').endsWith('/index-client.js')) {
  throw new Error('run with node --conditions=browser bench/svelte.mjs (Svelte\'s client runtime)');
}
await init();

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 5 : 15;
const TARGET_NS = quick ? 20e6 : 60e6;
const K = 32; // reads per call for the cheap cases
let sink = 0;

/**
 * A timed case: `op(i)` performs `perCall` operations per call. The
 * iteration count is calibrated so that one round takes about TARGET_NS.
 */
function prepare(name, op, perCall = 1) {
  // A fresh loop per case keeps the call site monomorphic (see bench/state.mjs).
  const loop = new Function('op', 'iterations', 'for (let i = 0; i < iterations; i++) op(i);');
  // CPU time of this process (user + system, all its threads), not wall
  // time: on a shared, loaded machine, time spent descheduled is not counted.
  const time = (iterations) => {
    const t0 = process.cpuUsage();
    loop(op, iterations);
    const { user, system } = process.cpuUsage(t0);
    return (user + system) * 1000;
  };
  let iterations = 100;
  for (;;) {
    const dt = time(iterations);
    if (dt > TARGET_NS / 4 || iterations > 1e8) {
      iterations = Math.max(100, Math.round(iterations * TARGET_NS / Math.max(dt, 1)));
      break;
    }
    iterations *= 4;
  }
  return { name, round: () => time(iterations) / iterations / perCall };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Runs the rounds of a group interleaved (baseline, contender 1, ...,
 * baseline, ...), so that a change of the machine's load hits every case
 * alike, and reports for each case its median ns per operation and the
 * median of its per-round ratios to the baseline's round just before it.
 */
async function runGroup(baseline, contenders) {
  const cases = [baseline, ...contenders];
  const ns = cases.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    for (const [i, c] of cases.entries()) {
      // Let queued microtasks run between rounds, untimed: Svelte tears
      // down a subscription in one, and a synchronous loop never yields.
      await new Promise((resolve) => setTimeout(resolve, 0));
      ns[i].push(c.round());
    }
  }
  return {
    baseline: { name: baseline.name, ns: median(ns[0]) },
    contenders: contenders.map((c, i) => ({
      name: c.name,
      ns: median(ns[i + 1]),
      ratio: median(ns[i + 1].map((x, r) => x / ns[0][r])),
    })),
  };
}

// Runes need the compiler: a small .svelte.js module, compiled here.
const here = dirname(fileURLToPath(import.meta.url));
const dir = await mkdtemp(join(here, '.compiled-'));
let runes;
try {
  const { js } = compileModule(`
import { flushSync } from 'svelte';
export function plainState() {
  let s = $state({ n: 0 });
  return s;
}
/** Runs fn() once inside a new $effect (so reads in it are tracked), then destroys the effect. */
export function inEffect(fn) {
  let out;
  const stop = $effect.root(() => {
    $effect(() => { out = fn(); });
  });
  flushSync();
  stop();
  return out;
}
/** An effect that calls read() on every run; returns its destroyer and its run count. */
export function watch(read) {
  let runs = 0;
  const stop = $effect.root(() => {
    $effect(() => { read(); runs++; });
  });
  return { stop, runs: () => runs };
}`, { generate: 'client', filename: 'bench.svelte.js' });
  await writeFile(join(dir, 'bench.mjs'), js.code);
  runes = await import(pathToFileURL(join(dir, 'bench.mjs')).href);
} finally {
  await rm(dir, { recursive: true, force: true });
}

const h = new LiveMemoryStateHandle();
h.set('n', 42.5);
h.declareHot(['hot']);
h.setNumber('hot', 42.5);
const live = liveState(h);
const nField = liveField(h, 'n');
const hotField = liveField(h, 'hot');
const view = h.slots('hot');

const groups = [];
const group = async (title, baseline, contenders) => groups.push({ title, ...await runGroup(baseline, contenders) });

await group('read a JSON number, outside any effect',
  prepare('baseline: handle.get(key)', () => { for (let k = 0; k < K; k++) sink += h.get('n'); }, K),
  [
    prepare('liveField(handle, key).current', () => { for (let k = 0; k < K; k++) sink += nField.current; }, K),
    prepare('liveState(handle)[key]', () => { for (let k = 0; k < K; k++) sink += live.n; }, K),
  ]);

await group('read a hot field, outside any effect',
  prepare('baseline: handle.slots(key).get(0) (zero-copy view)', () => { for (let k = 0; k < K; k++) sink += view.get(0); }, K),
  [
    prepare('handle.getNumber(key) (one wasm call)', () => { for (let k = 0; k < K; k++) sink += h.getNumber('hot'); }, K),
    prepare('liveField(handle, key).current', () => { for (let k = 0; k < K; k++) sink += hotField.current; }, K),
    prepare('liveState(handle)[key]', () => { for (let k = 0; k < K; k++) sink += live.hot; }, K),
  ]);

// Tracked reads: each call runs one $effect that reads the value K times,
// then destroys it (so effects do not pile up across calls); ns/op is per
// read, the effect's own cost shared among its K reads. For liveField,
// Svelte's createSubscriber makes a render effect per tracked read.
const tracked = runes.plainState();
tracked.n = 42.5;
const readsInEffect = (read) => () => runes.inEffect(() => { for (let k = 0; k < K; k++) sink += read(); });
await group('read a number K = 32 times in one $effect run (tracked)',
  prepare('baseline: a Svelte $state object', readsInEffect(() => tracked.n), K),
  [
    prepare('liveField(handle, key).current (JSON map)', readsInEffect(() => nField.current), K),
    prepare('liveField(handle, hotKey).current', readsInEffect(() => hotField.current), K),
  ]);

// A write, then flushSync(): the one $effect that reads the value re-runs.
// The effect stays alive for the whole group; each case checks that its
// writes really re-ran it.
let value = 0; // every write writes a new value (an equal one notifies nobody)
function withEffect(read, name, write) {
  const w = runes.watch(read);
  flushSync();
  return prepare(name, () => {
    const before = w.runs();
    write(++value);
    if (w.runs() !== before + 1) throw new Error(`${name}: the effect did not re-run once per write`);
  });
}
const s = runes.plainState();
await group('write a number and flush: one $effect re-runs',
  withEffect(() => s.n, 'baseline: a Svelte $state object', (i) => { s.n = i; flushSync(); }),
  [
    withEffect(() => live.n, 'liveState(handle)[key] = v (JSON map)', (i) => { live.n = i; flushSync(); }),
    withEffect(() => hotField.current, 'liveField(handle, hotKey).current = v', (i) => { hotField.current = i; flushSync(); }),
  ]);

const quiet = new LiveMemoryStateHandle();
const quietLive = liveState(quiet);
await group('write a number, nobody reading',
  prepare('baseline: handle.set(key, v)', () => { quiet.set('n', ++value); }),
  [prepare('liveState(handle)[key] = v', () => { quietLive.n = ++value; })]);

const fmt = (ns) => (ns >= 100 ? ns.toFixed(0) : ns >= 10 ? ns.toFixed(1) : ns.toFixed(2));
console.log("| case | ns/op | cost vs baseline |");
console.log('|---|---:|---:|');
for (const { title, baseline, contenders } of groups) {
  console.log(`| ${title}: ${baseline.name.replace(/^baseline: /, 'baseline, ')} | ${fmt(baseline.ns)} | 1.00x |`);
  for (const c of contenders) console.log(`| \`${c.name}\` | ${fmt(c.ns)} | ${c.ratio.toFixed(2)}x |`);
}
if (sink === 0.5) console.log(''); // keep the reads alive
