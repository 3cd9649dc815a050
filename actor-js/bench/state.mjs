// Cost of reading and writing a process's state from JS in Node, in ns per
// operation, against a baseline that sends a JSON string across the
// JS/wasm boundary and parses it on the other side. Every ratio comes from
// one run (see state_cases.mjs for the method and the cases).
//
//   node bench/state.mjs [--quick]
//
// The same cases run in Chromium with `node bench/state_chromium.mjs`.
import { init, LiveMemoryStateHandle } from '../node.js';
import { formatStateBench, runStateBench } from './state_cases.mjs';

await init();
const quick = process.argv.includes('--quick');
// CPU time of the process (user + system, microsecond resolution), in ms:
// time the process spends waiting for a core on a loaded machine does not
// count. (The Chromium page has only wall-clock time.)
const now = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const result = runStateBench({ LiveMemoryStateHandle }, {
  now,
  rounds: quick ? 5 : 15,
  roundMs: quick ? 10 : 20,
  log: (line) => process.stderr.write(`${line}\n`),
});
console.log(formatStateBench(result, `node ${process.version}, CPU time`));
