// The state-access benchmark, shared by the Node runner (state.mjs) and the
// Chromium page (browser/state.html): what it costs to read and write a
// process's state from JS, against a baseline that sends a JSON string
// across the JS/wasm boundary and parses it on the other side (what a
// bridge that serialises state on every access does), plus the candidate
// paths that were measured to choose `get` and `set`.
//
// Every group runs interleaved: each round times the baseline and every
// contender of the group one after the other, for `roundMs` each, and a
// contender's ratio is the median of its per-round ratios to the baseline.
// Load that comes and goes on a shared machine then moves both sides of a
// ratio together. Times are medians too, in ns per operation.

import { copyParsed } from '../src/json.js';

/** Cheap cases repeat their operation this many times per call, so the
 * call into the case does not swamp it. */
const K = 32;

/**
 * @param {object} api `{ LiveMemoryStateHandle }` from `@actorflow/js` (node or web)
 * @param {object} options
 * @param {() => number} options.now a clock in milliseconds (fractional)
 * @param {number} [options.rounds] interleaved rounds per group
 * @param {number} [options.roundMs] time per case per round
 * @param {(line: string) => void} [options.log] progress
 * @returns {{ groups: Array<{ title: string, rows: Array<{ name: string, ns: number, min: number, ratio: number, lo: number, hi: number }> }> }}
 */
export function runStateBench(api, { now, rounds = 15, roundMs = 20, log = () => {} }) {
  const { LiveMemoryStateHandle } = api;
  let sink = 0;

  // Each case gets its own copy of the timing loop (made with `new
  // Function`), so the call `op(i)` inside it sees one function only and
  // the JIT can inline it; one shared loop would make the call megamorphic.
  const makeLoop = () => new Function('op', 'from', 'to', 'for (let i = from; i < to; i++) op(i);');

  /** A case: `op(i)` does `perCall` operations. */
  const cas = (name, op, perCall = 1) => ({ name, op, perCall, loop: makeLoop(), chunk: 1, next: 0 });

  /**
   * Runs `c` in chunks until `ms` have passed; returns ns per operation.
   * A chunk doubles while it takes under a tenth of `ms`, so clock reads
   * (and a coarse browser clock's granularity) stay out of the figure.
   */
  function time(c, ms) {
    let done = 0;
    const t0 = now();
    let t = t0;
    do {
      c.loop(c.op, c.next, c.next + c.chunk);
      c.next += c.chunk;
      done += c.chunk;
      const t1 = now();
      if (t1 - t < ms / 10 && c.chunk < 1 << 24) c.chunk *= 2;
      t = t1;
    } while (t - t0 < ms);
    return ((t - t0) * 1e6) / done / c.perCall;
  }

  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[s.length >> 1];
  };
  const quantile = (xs, q) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(q * s.length))];
  };

  const groups = [];
  function group(title, baseline, contenders) {
    const all = [baseline, ...contenders];
    for (const c of all) time(c, roundMs); // warm-up: the JIT compiles, chunks grow
    const times = all.map(() => []);
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < all.length; i++) times[i].push(time(all[i], roundMs));
    }
    const rows = all.map((c, i) => {
      const ratios = times[0].map((b, r) => b / times[i][r]);
      return {
        name: c.name, ns: median(times[i]), min: Math.min(...times[i]),
        ratio: median(ratios), lo: quantile(ratios, 0.25), hi: quantile(ratios, 0.75),
      };
    });
    groups.push({ title, rows });
    log(`${title}: done`);
  }

  // ----- the values -----
  const small = { x: 1, y: 2.5, label: 'penguin', ok: true };
  const medium = { species: 'Adelie', rows: [] };
  for (let i = 0; JSON.stringify(medium).length < 10_000; i++) {
    medium.rows.push({ id: i, island: 'Torgersen', bill_mm: 39.1 + i / 10, mass_g: 3750 + i, sex: i % 2 ? 'male' : 'female', ok: i % 3 !== 0 });
  }
  const mediumBytes = JSON.stringify(medium).length;
  const MAX_SAFE = Number.MAX_SAFE_INTEGER;
  // The candidate that checks while JSON.stringify walks (measured, not chosen).
  const checkingReplacer = function (key, value) {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return value;
      case 'number':
        if (Math.abs(value) > MAX_SAFE && Number.isInteger(value)) throw new TypeError('an integer beyond 2^53');
        return value;
      case 'object': {
        if (value === null || Array.isArray(value)) return value;
        const proto = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null) throw new TypeError('not a plain object');
        if (typeof value.toJSON === 'function') throw new TypeError('toJSON');
        return value;
      }
      default:
        throw new TypeError(`${typeof value} is not JSON`);
    }
  };

  const h = new LiveMemoryStateHandle();

  // ----- objects -----
  for (const [label, value] of [['a small object (4 fields)', small], [`a medium object (${mediumBytes} bytes of JSON)`, medium]]) {
    const text = JSON.stringify(value);
    const key = `obj-${value === small ? 's' : 'm'}`;
    h.set(key, value);
    const cachedText = h.readText(key, -1);
    const cachedValue = JSON.parse(cachedText);
    group(`read ${label}`,
      cas('baseline: JSON.parse(getJson(key))', () => { sink += JSON.parse(h.getJson(key)) !== null; }),
      [
        cas('candidate: direct construction in Rust (readValue)', () => { sink += h.readValue(key) !== null; }),
        cas('candidate: JSON.parse of the text Rust keeps per write', () => { sink += JSON.parse(h.readText(key, -1)) !== null; }),
        cas('candidate: JSON.parse of the text cached in JS', () => { sink += JSON.parse(cachedText) !== null; }),
        cas('candidate: deep copy of the value cached in JS', () => { sink += copyParsed(cachedValue) !== null; }),
        cas('get(key): unchanged since the last read (JS cache)', () => { sink += h.get(key) !== null; }),
      ]);
    // A write in Rust before every read, so that `get` misses its cache;
    // the same write precedes the baseline.
    group(`write ${label} in Rust, then read it in JS`,
      cas('baseline: setJson; JSON.parse(getJson(key))', () => { h.setJson(key, text); sink += JSON.parse(h.getJson(key)) !== null; }),
      [cas('setJson; get(key) (cache miss: text made once)', () => { h.setJson(key, text); sink += h.get(key) !== null; })]);
    const mutate = value === small ? (i) => { small.x = i; } : (i) => { medium.rows[0].id = i; };
    group(`write ${label}`,
      cas('baseline: setJson(key, JSON.stringify(v))', (i) => { mutate(i); h.setJson(key, JSON.stringify(value)); }),
      [
        cas('candidate: direct construction in Rust (writeValue)', (i) => { mutate(i); h.writeValue(key, value); }),
        cas('candidate: checking replacer + JSON.stringify, as text', (i) => { mutate(i); h.writeText(key, JSON.stringify(value, checkingReplacer)); }),
        cas('set(key, v): check walk + JSON.stringify, as text', (i) => { mutate(i); h.set(key, value); }),
      ]);
  }

  // ----- numbers -----
  h.set('n', 42.5);
  h.declareHot(['hot', 'hot2']);
  h.setNumber('hot', 42.5);
  h.setNumber('hot2', 1.5);
  // Reads alternate between two slots (k & 1), so the JIT cannot hoist
  // the load out of the loop.
  const view = h.slots();
  const held = view.array;
  group('read a number',
    cas('baseline: JSON.parse(getJson(key))', () => { sink += JSON.parse(h.getJson('n')); }),
    [
      cas('get(key) (JSON map, JS cache)', () => {
        let acc = 0;
        for (let k = 0; k < K; k++) acc += h.get('n');
        sink += acc;
      }, K),
      cas('getNumber(hot field)', () => {
        let acc = 0;
        for (let k = 0; k < K; k++) acc += h.getNumber(k & 1 ? 'hot2' : 'hot');
        sink += acc;
      }, K),
      cas('view.array[i] (zero-copy view, growth check)', () => {
        let acc = 0;
        for (let k = 0; k < K; k++) acc += view.array[k & 1];
        sink += acc;
      }, K),
      cas('view.get(i)', () => {
        let acc = 0;
        for (let k = 0; k < K; k++) acc += view.get(k & 1);
        sink += acc;
      }, K),
      cas('held Float64Array[i] (zero-copy, no check)', () => {
        let acc = 0;
        for (let k = 0; k < K; k++) acc += held[k & 1];
        sink += acc;
      }, K),
    ]);

  // The same reads, against the held array itself.
  group('read a hot field: the view against a held Float64Array',
    cas('baseline: held Float64Array[i] (zero-copy, no check)', () => {
      let acc = 0;
      for (let k = 0; k < K; k++) acc += held[k & 1];
      sink += acc;
    }, K),
    [
      cas('view.array[i] (zero-copy view, growth check)', () => {
        let acc = 0;
        for (let k = 0; k < K; k++) acc += view.array[k & 1];
        sink += acc;
      }, K),
      cas('view.get(i)', () => {
        let acc = 0;
        for (let k = 0; k < K; k++) acc += view.get(k & 1);
        sink += acc;
      }, K),
      cas('getNumber(hot field)', () => {
        let acc = 0;
        for (let k = 0; k < K; k++) acc += h.getNumber(k & 1 ? 'hot2' : 'hot');
        sink += acc;
      }, K),
    ]);

  group('write a number',
    cas('baseline: setJson(key, JSON.stringify(v))', (i) => { h.setJson('n', JSON.stringify(i + 0.5)); }),
    [
      cas('set(key, v) (JSON map)', (i) => { h.set('n', i + 0.5); }),
      cas('setNumber(hot field, v)', (i) => {
        for (let k = 0; k < K; k++) h.setNumber('hot', i * K + k + 0.5);
      }, K),
      cas('setNumberAt(slot, v)', (i) => {
        for (let k = 0; k < K; k++) h.setNumberAt(0, i * K + k + 0.5);
      }, K),
    ]);

  // ----- batched hot-field writes -----
  for (const n of [4, 16, 64]) {
    // A state with n hot fields, all written every time.
    const wide = new LiveMemoryStateHandle();
    wide.declareHot(Array.from({ length: n }, (_, i) => `f${i}`));
    const names = wide.hotFields();
    const part = wide.slots();
    const floor = wide.slots();
    group(`write ${n} hot fields, ns per field`,
      cas('baseline: setJson(key, JSON.stringify(v)) per field', (i) => {
        for (let f = 0; f < n; f++) h.setJson('n', JSON.stringify(i + f + 0.5));
      }, n),
      [
        cas('setNumber per field', (i) => {
          for (let f = 0; f < n; f++) wide.setNumber(names[f], i + f + 0.5);
        }, n),
        cas('view.array[f] = v per field, then one commit()', (i) => {
          const a = part.array;
          for (let f = 0; f < n; f++) a[f] = i + f + 0.5;
          part.commit();
        }, n),
        cas('view.array[f] = v, no commit (the floor)', (i) => {
          const a = floor.array;
          for (let f = 0; f < n; f++) a[f] = i + f + 0.5;
        }, n),
      ]);
    part.commit();
  }

  // ----- with someone listening -----
  const listened = new LiveMemoryStateHandle();
  listened.declareHot(['v']);
  let calls = 0;
  listened.subscribe('v', () => { calls += 1; });
  listened.subscribe('o', () => { calls += 1; });
  group('with a JS subscriber on the key',
    cas('baseline: setJson(key, JSON.stringify(v)) (small object)', (i) => { small.x = i; listened.setJson('o', JSON.stringify(small)); }),
    [
      cas('set(key, v) (small object)', (i) => { small.x = i; listened.set('o', small); }),
      cas('setNumber(hot field, v)', (i) => { listened.setNumber('v', i + 0.5); }),
    ]);

  if (sink === 0 || calls === 0) throw new Error('the benchmark optimised its work away');
  return { groups, rounds, roundMs };
}

/** The results as a text table, ratios as "how many times faster than the baseline". */
export function formatStateBench({ groups, rounds, roundMs }, environment) {
  const fmt = (x) => x.toFixed(x < 10 ? 2 : x < 100 ? 1 : 0).padStart(10);
  const lines = [
    `${environment}, ${rounds} interleaved rounds of ${roundMs} ms per case.`,
    'ns/op: median round (fastest round); ratio = baseline time / this time, median of the rounds [25%, 75%]',
  ];
  for (const { title, rows } of groups) {
    lines.push('', title);
    for (const r of rows) {
      const ratio = r === rows[0] ? '1.00x' : `${r.ratio.toFixed(2)}x [${r.lo.toFixed(2)}, ${r.hi.toFixed(2)}]`;
      lines.push(`  ${r.name.padEnd(58)} ${fmt(r.ns)} (${fmt(r.min).trim()}) ns   ${ratio}`);
    }
  }
  return lines.join('\n');
}
