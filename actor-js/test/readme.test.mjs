// The README's complete example must run as written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

test('the README example runs and prints what it says', async () => {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  const block = /```js\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'README has a js example');
  // Written inside the package, so `import ... from '@actorflow/js'` resolves to
  // this package (Node's package self-reference).
  const file = new URL('./.readme-example.mjs', import.meta.url);
  await writeFile(file, block[1]);
  const logs = [];
  const log = console.log;
  console.log = (...args) => logs.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  try {
    await import(fileURLToPath(file));
  } finally {
    console.log = log;
    await rm(file, { force: true });
  }
  const text = logs.join('\n');
  for (const line of ['JS sees 1', 'JS sees 2', 'Rust sees 1', 'Rust sees 2', 'new maximum 3', 'new maximum 5',
    'new maximum 100', 'max via the view: 100 count: 3', 'store 2']) {
    assert.ok(logs.includes(line), `missing "${line}" in:\n${text}`);
  }
  assert.match(text, /"reason":"completed"/);
});
