// The README's way to install the package works: `npm pack` makes a tarball
// (with the built wasm in pkg/), `npm install <tarball>` puts it into an
// empty project as `@actorflow/js`, and that project imports it by name and
// runs a network. With Svelte installed in the project too,
// `@actorflow/js/svelte` uses the project's Svelte runtime, so a `$effect`
// in the project's code tracks its reads. Needs `sh ../scripts/build-wasm.sh`
// first (as every node test), and `npm ci` (Svelte comes from npm's cache).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));

const CHECK = `
import init, { Registry, Network } from '@actorflow/js';
await init();
const net = Network.fromFbp('INPORT=rust.IN:IN\\nrust(rust/Increment)\\n', new Registry(), 'check.fbp');
net.start();
for (const x of [1, 2, 3]) await net.send('in', x);
net.close();
const report = await net.wait();
console.log(JSON.stringify({
  count: net.state('rust').get('count'),
  reason: report.reason,
  main: import.meta.resolve('@actorflow/js'),
  svelte: import.meta.resolve('@actorflow/js/svelte'),
}));
`;

// A .svelte.js module of the project: an $effect that reads a live state.
const TRACK = `
import { liveState } from '@actorflow/js/svelte';
export function track(handle, seen) {
  const live = liveState(handle);
  return $effect.root(() => {
    $effect(() => { seen.push(live.count); });
  });
}`;

const SVELTE_CHECK = `
import { writeFileSync } from 'node:fs';
import { compileModule } from 'svelte/compiler';
import { flushSync } from 'svelte';
import { LiveMemoryStateHandle } from '@actorflow/js';
writeFileSync('./track.mjs', compileModule(${JSON.stringify(TRACK)}, { generate: 'client', filename: 'track.svelte.js' }).js.code);
const { track } = await import('./track.mjs');
const h = new LiveMemoryStateHandle();
h.set('count', 1);
const seen = [];
const stop = track(h, seen);
flushSync();
for (const n of [2, 3]) { h.set('count', n); flushSync(); }
const during = h.subscriberCount;
stop();
await new Promise((r) => setTimeout(r, 0));
console.log(JSON.stringify({ seen, during, after: h.subscriberCount }));
`;

test('npm pack, then npm install of the tarball into an empty project: @actorflow/js and @actorflow/js/svelte work', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'actorflow-install-'));
  try {
    const { stdout: packed } = await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: packageDir });
    const [{ filename, files }] = JSON.parse(packed);
    const paths = files.map((f) => f.path);
    for (const f of ['web.js', 'node.js', 'svelte.js', 'index.d.ts', 'pkg/node/actor_wasm_bg.wasm', 'pkg/web/actor_wasm_bg.wasm']) {
      assert.ok(paths.includes(f), `the tarball lacks ${f}: ${paths.join(', ')}`);
    }
    const project = join(dir, 'project');
    await run('mkdir', [project]);
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'install-check', private: true, type: 'module' }));
    // --offline: a local tarball with no dependencies needs no registry.
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(dir, filename)], { cwd: project });
    assert.deepEqual(await readdir(join(project, 'node_modules', '@actorflow')), ['js']);
    await writeFile(join(project, 'check.mjs'), CHECK);
    const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: project });
    const got = JSON.parse(stdout);
    assert.equal(got.count, 3);
    assert.equal(got.reason, 'completed');
    const installed = `file://${join(project, 'node_modules', '@actorflow', 'js')}/`;
    assert.equal(got.main, `${installed}node.js`, 'the main entry resolves inside the installed copy');
    assert.equal(got.svelte, `${installed}svelte.js`, 'the svelte subpath resolves inside the installed copy');

    // A Svelte project: the project's svelte (the version actor-js tests with, from npm's cache).
    const { version } = JSON.parse(await readFile(join(packageDir, 'node_modules', 'svelte', 'package.json'), 'utf8'));
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', `svelte@${version}`], { cwd: project });
    await writeFile(join(project, 'svelte-check.mjs'), SVELTE_CHECK);
    const { stdout: svelteOut } = await run(process.execPath, ['--conditions=browser', 'svelte-check.mjs'], { cwd: project });
    assert.deepEqual(JSON.parse(svelteOut), { seen: [1, 2, 3], during: 1, after: 0 },
      'the $effect re-ran on each write, through one subscription, released when the effect was destroyed');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
