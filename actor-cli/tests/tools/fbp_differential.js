// Differential test of `actorflow graph convert` against the reference .fbp parser (npm `fbp` 1.8.0),
// on random texts built from grammar fragments: same graph JSON, or the same error message.
// Complements ../shared/conformance/fbp/check-parser.sh (the reference's own spec cases).
//
// Usage (from the workspace root, after `cargo build -p actor-cli`):
//   NODE_PATH=~/.cache/fbp-conformance-kit/node_modules node actor-cli/tests/tools/fbp_differential.js target/debug/actorflow [CASES] [SEED]
// Stdin that is a single JSON object is read as graph JSON by design, so such cases are skipped.
const fbp = require('fbp');
const { spawnSync } = require('child_process');
const bin = process.argv[2]; const N = +process.argv[3] || 500; let seed = +process.argv[4] || 1;
function rnd(n) { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; }
const frags = ["a", "b", "Abc", "_x", "x-y", "(", ")", "(core/Repeat)", "(A:k=v,x=10)", "(B:routes,y=5e2)", "()", " ", "  ", "->", " -> ",
  "IN", "OUT", "out[1]", "IN[0]", "'hi'", "'it\\'s'", "\"s\"", "{\"a\":1}", "[1, 2.5, -0]", "1e3", "null", "true", "false", "0",
  "\n", "\r\n", "#", "# @name My Graph", "# @runtime noflo", "INPORT=", "OUTPORT=", "DEFAULT_INPORT=", "DEFAULT_OUTPORT=", ".", ":", ",", "[", "]",
  "a(core/Repeat)", "b(B)", "a OUT -> IN b", "'x' -> IN a", "INPORT=a.IN:in", "OUTPORT=b.OUT:Out", "\t", "é", "{", "}", "\"\\u00e9\"", "12", "-", "@"];
let fails = 0, skipped = 0;
for (let i = 0; i < N; i++) {
  let s = ""; const n = 1 + rnd(12);
  for (let j = 0; j < n; j++) s += frags[rnd(frags.length)];
  const cs = rnd(2) === 0; try { if (s.trim().startsWith("{")) { JSON.parse(s); skipped++; continue; } } catch (e) {}
  let exp;
  try { exp = { ok: fbp.parse(s, { caseSensitive: cs }) }; } catch (e) { exp = { error: e.message }; }
  const r = spawnSync(bin, ['graph', 'convert', '-', '--to', 'json'].concat(cs ? ['--case-sensitive'] : []), { input: s, encoding: 'utf-8' });
  let ok;
  if (exp.error !== undefined) ok = r.status !== 0 && r.stderr.trim() === exp.error;
  else { try { require('assert').deepStrictEqual(JSON.parse(r.stdout), JSON.parse(JSON.stringify(exp.ok))); ok = r.status === 0; } catch (e) { ok = false; } }
  if (!ok) { fails++; if (fails <= 8) console.log(JSON.stringify(s), cs, '\n  exp', JSON.stringify(exp).slice(0, 400), '\n  got', r.status, r.stdout.slice(0, 400), r.stderr.trim().slice(0, 400)); }
}
console.log(`${N - fails - skipped} agree, ${fails} differ, ${skipped} skipped`); process.exitCode = fails ? 1 : 0;
