// Helpers for the Svelte component tests in Node: a jsdom document for
// Svelte's client runtime, and `compileComponent`, which compiles a
// component from its source with svelte/compiler and imports the result.
//
// Run these tests with `node --conditions=browser --test test/svelte-dom/`
// so that `svelte` and `svelte/reactivity` resolve to Svelte's client
// runtime (by default Node gets the server build, whose `mount` throws and
// whose `createSubscriber` tracks nothing).
import { after } from 'node:test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { JSDOM } from 'jsdom';

if (!import.meta.resolve('svelte').endsWith('/index-client.js')) {
  throw new Error('Svelte resolved to its server build: run these tests with node --conditions=browser');
}

const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
for (const name of ['window', 'document', 'navigator', 'Node', 'Element', 'HTMLElement', 'Text', 'Comment', 'Event', 'MouseEvent',
  'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame']) {
  if (!(name in globalThis)) {
    const value = dom.window[name];
    globalThis[name] = typeof value === 'function' && !/^[A-Z]/.test(name) ? value.bind(dom.window) : value;
  }
}

const { compile, compileModule } = await import('svelte/compiler');

// Compiled modules are written inside the package, so that their bare
// imports (`svelte/internal/client`, `@actorflow/js/svelte`) resolve as
// they would in an application; the folder is removed after the tests.
const here = dirname(fileURLToPath(import.meta.url));
const out = await mkdtemp(join(here, '.compiled-'));
after(() => rm(out, { recursive: true, force: true }));
let serial = 0;

/**
 * Compiles `source` (a component, runes mode) to a client module, imports
 * it, and returns its default export. Each call is its own compilation.
 * @param {string} source
 * @param {string} name
 */
export async function compileComponent(source, name) {
  const { js, warnings } = compile(source, { generate: 'client', name, filename: `${name}.svelte` });
  if (warnings.length > 0) throw new Error(`${name}.svelte: ${warnings.map((w) => w.message).join('; ')}`);
  const file = join(out, `${name}-${++serial}.mjs`);
  await writeFile(file, js.code);
  return (await import(pathToFileURL(file).href)).default;
}

/**
 * Compiles `source` as a `.svelte.js` module (runes in plain JS) and
 * imports it; returns the module namespace.
 * @param {string} source
 * @param {string} name
 */
export async function compileSvelteModule(source, name) {
  const { js, warnings } = compileModule(source, { generate: 'client', filename: `${name}.svelte.js` });
  if (warnings.length > 0) throw new Error(`${name}.svelte.js: ${warnings.map((w) => w.message).join('; ')}`);
  const file = join(out, `${name}-${++serial}.mjs`);
  await writeFile(file, js.code);
  return import(pathToFileURL(file).href);
}

/** A fresh element attached to the document, to mount a component into. */
export function target() {
  const el = document.createElement('div');
  document.body.append(el);
  return el;
}

/** Resolves after Svelte's queued microtasks (a subscription's teardown runs in one). */
export function settle() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
