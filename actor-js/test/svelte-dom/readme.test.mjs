// The README's Svelte example: its component compiles without warnings and,
// given `live` as its host code makes it, shows a Rust actor's write and
// writes back on a click. (The host code's Blob URL import is browser-only;
// svelte_runes_test.html runs that part in Chromium.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { compileComponent, target, settle } from './dom.mjs';
import { flushSync, mount, unmount } from 'svelte';
import { liveState } from '@actorflow/js/svelte';
import { Registry, Network } from '../../node.js';

test('the README Svelte component follows a Rust actor and writes back', async () => {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const block = /```svelte\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'README has a svelte example');
  const Child = await compileComponent(block[1], 'Child');
  // As the README's host code does (with an exported outport to wait on).
  const net = Network.fromFbp('INPORT=inc.IN:INC\nOUTPORT=inc.OUT:OUT\ninc(rust/Increment)\n', new Registry());
  const out = net.outport('out');
  const live = liveState(net.state('inc'));
  live.count = 0;
  net.start();
  const el = target();
  const child = mount(Child, { target: el, props: { live } });
  flushSync();
  assert.match(el.textContent, /count 0, doubled 0/);
  await net.send('inc', 'click');
  assert.equal(await out.recv(), 1);
  flushSync();
  assert.match(el.textContent, /count 1, doubled 2/, 'the comment in the README says so');
  el.querySelector('button').click();
  flushSync();
  assert.equal(net.state('inc').get('count'), 2);
  assert.match(el.textContent, /count 2, doubled 4/);
  await unmount(child);
  await settle();
  assert.equal(net.state('inc').subscriberCount, 0);
  net.close();
  await net.wait();
});
