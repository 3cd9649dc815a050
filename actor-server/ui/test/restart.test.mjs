// The live graph page in real Chromium, on a process that fails, is
// restarted once (restart=on_failure, max_restarts=1), and fails again:
// while the restarted instance runs, the page says "running" and marks the
// node as restarted, not failed; the second failure marks it failed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { root, startServer } from './server.mjs';

const work = path.join(root, 'target', 'page-restart-test');

let server;
let browser;
let profile;

before(async () => {
  await mkdir(work, { recursive: true });
  // A missing file: fs/ReadLines fails on each start. The backoff leaves
  // time to look at the page between the two failures.
  const graph = `'${path.join(work, 'no-such-file.txt')}' -> IN read(fs/ReadLines:restart=on_failure,max_restarts=1,restart_backoff_ms=1500)\nread OUT -> IN drop(core/Drop)\n`;
  await writeFile(path.join(work, 'fails.fbp'), graph);
  server = await startServer({ args: [path.join(work, 'fails.fbp')] });
  profile = await mkdtemp(path.join(tmpdir(), 'actorflow-restart-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (profile) await rm(profile, { recursive: true, force: true });
});

const readNode = (page) => page.$eval('.node[data-process="read"]', (g) => [...g.classList].sort());
const errors = (page) => page.$$eval('#errors li', (items) => items.map((li) => li.textContent));

test('a restart marks the node restarted and the run goes on; the last failure marks it failed', async () => {
  const page = browser.pages()[0] ?? await browser.newPage();
  await page.goto(`${server.http}#secret=${server.secret}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  await page.click('#start');

  await page.waitForFunction(() => document.querySelectorAll('#errors li').length === 1, null, { timeout: 10000 });
  assert.deepEqual(await readNode(page), ['node', 'restarted']);
  assert.equal(await page.textContent('#status'), 'running', 'a restart does not end the run');
  const [first] = await errors(page);
  assert.match(first, /^read: .*no-such-file\.txt.* \(restarted: restart 1 of process "read" \(fs\/ReadLines\)/);

  await page.waitForFunction(() => document.getElementById('status').textContent !== 'running', null, { timeout: 15000 });
  assert.deepEqual(await readNode(page), ['failed', 'node', 'restarted']);
  const all = await errors(page);
  assert.equal(all.length, 3, JSON.stringify(all));
  assert.ok(!all[1].includes('(restarted: '), 'the second failure is not a restart');
});
