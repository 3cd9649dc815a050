// The live graph page in real Chromium (Debian's /usr/bin/chromium, driven
// by playwright-core): it loads the wordcount graph (with its subgraph
// lib/TopWords, drawn as one process) and shows every process, the packet
// counts rise while the network runs on a large file,
// stop works, and a screenshot is saved (test-output/live-graph.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { root, startServer } from './server.mjs';

const work = path.join(root, 'target', 'page-test');
const screenshot = path.join(root, 'actor-server', 'ui', 'test-output', 'live-graph.png');
const processes = ['read', 'top', 'format', 'write'];
// The edge into the subgraph keeps the ends its graph file wrote.
const firstEdge = 'read.out -> top.in';

let server;
let browser;
let profile;

before(async () => {
  await mkdir(work, { recursive: true });
  // A large input: 300,000 lines of 8 words, made here (the run must last
  // long enough to watch, and to stop).
  const words = ['flow', 'based', 'actor', 'graph', 'packet', 'port', 'state', 'signal', 'edge', 'node'];
  const lines = [];
  for (let i = 0; i < 300000; i++) {
    lines.push(Array.from({ length: 8 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' '));
  }
  const big = path.join(work, 'big.txt');
  await writeFile(big, `${lines.join('\n')}\n`);
  // graphs/wordcount.fbp, reading the large file, its result written to a file.
  const wordcount = await readFile(path.join(root, 'graphs', 'wordcount.fbp'), 'utf8');
  const graph = wordcount
    .replace("'/usr/share/common-licenses/GPL-3'", `'${big}'`)
    .concat(`'${path.join(work, 'top10.txt')}' -> FILE write\n`);
  assert.notEqual(graph, wordcount, 'the wordcount graph reads GPL-3 by default');
  await writeFile(path.join(work, 'wordcount.fbp'), graph);
  // Its subgraph, found in the main graph's folder as the CLI finds it.
  await mkdir(path.join(work, 'lib'), { recursive: true });
  await writeFile(path.join(work, 'lib', 'TopWords.fbp'), await readFile(path.join(root, 'graphs', 'lib', 'TopWords.fbp'), 'utf8'));
  server = await startServer({ args: [path.join(work, 'wordcount.fbp')] });
  profile = await mkdtemp(path.join(tmpdir(), 'actorflow-page-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1500, height: 700 },
  });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (profile) await rm(profile, { recursive: true, force: true });
});

const countOf = (page) => page.$eval(`#edges tr[data-edge="${firstEdge}"] .count`, (td) => Number(td.textContent.replace(/,/g, '')));

test('shows the wordcount graph, live counts while it runs, and stops it', async () => {
  const page = browser.pages()[0] ?? await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

  await page.goto(`${server.http}#secret=${server.secret}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  assert.equal(await page.textContent('#graph-name'), 'wordcount');
  const shown = await page.$$eval('.node', (gs) => gs.map((g) => g.dataset.process));
  assert.deepEqual([...shown].sort(), [...processes].sort(), 'every process is drawn');
  assert.equal(await page.$$eval('.edge[data-edge]', (es) => es.length), 3, 'every connection is drawn');
  assert.equal(await page.$$eval('.iip', (es) => es.length), 4, 'every IIP is drawn');
  assert.equal(await page.isDisabled('#stop'), true);

  await page.click('#start');
  await page.waitForFunction(() => document.getElementById('status').textContent === 'running');
  await page.waitForFunction((edge) => Number(document.querySelector(`#edges tr[data-edge="${edge}"] .count`).textContent.replace(/,/g, '')) > 0, firstEdge, { timeout: 10000 });
  const first = await countOf(page);
  await page.waitForTimeout(700);
  const second = await countOf(page);
  assert.ok(second > first, `the count rises while the network runs (${first} then ${second})`);
  assert.equal(await page.textContent('#status'), 'running', 'the run lasts long enough to watch');
  const label = await page.textContent(`.edge[data-edge="${firstEdge}"] .count`);
  assert.ok(Number(label.replace(/,/g, '')) > 0, 'the edge itself shows its count');
  const last = await page.textContent(`.edge[data-edge="${firstEdge}"] .last`);
  assert.match(last, /flow|based|actor|graph|packet|port|state|signal|edge|node/, 'the edge shows the last data seen');
  await mkdir(path.dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });

  await page.click('#stop');
  await page.waitForFunction(() => document.getElementById('status').textContent === 'stopped', null, { timeout: 10000 });
  assert.equal(await page.isDisabled('#start'), false, 'it can be started again');
  assert.equal(await page.isDisabled('#stop'), true);
  const stoppedAt = await countOf(page);
  await page.waitForTimeout(400);
  assert.equal(await countOf(page), stoppedAt, 'nothing flows after stop');
  assert.deepEqual(errors, [], 'no page errors');
});
