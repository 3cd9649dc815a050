// The browser test: serves the repository root on 127.0.0.1 and, in
// headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core):
// - opens state_sharing_test.html, clicks both increment buttons, checks that
//   the JS and the Rust views of the shared state follow, checks that
//   #summary reports 0 failed, and saves a screenshot;
// - opens svelte_runes_test.html and runs the checks of svelte_runes.mjs
//   (Svelte 5 components compiled in the page at runtime), with screenshots.
// Exits non-zero on any failure.
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
import { checkSvelteRunes } from './svelte_runes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const results = join(here, '..', 'test-results');
const screenshot = join(results, 'state_sharing.png');

const failures = [];
function expect(ok, message) {
  console.log(`${ok ? 'ok    ' : 'FAILED'} ${message}`);
  if (!ok) failures.push(message);
}

const server = await serve(repo);
const profile = await mkdtemp(join(tmpdir(), 'actorflow-chromium-'));
let browser;
try {
  // A fresh profile directory (Chromium's --user-data-dir) for every run.
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 1000, height: 900 },
  });
  const page = browser.pages()[0] ?? await browser.newPage();
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  await page.goto(`${server.url}/state_sharing_test.html`);
  await page.waitForSelector('#summary[data-done="true"]', { timeout: 60_000 });

  const values = async () => ({
    js: (await page.textContent('#js-value')).trim(),
    rust: (await page.textContent('#rust-value')).trim(),
  });
  const clickAndExpect = async (button, n) => {
    await page.click(button);
    await page.waitForFunction(
      (n) => document.getElementById('js-value').textContent === String(n)
        && document.getElementById('rust-value').textContent === String(n),
      n, { timeout: 10_000 },
    ).catch(() => {});
    const v = await values();
    expect(v.js === String(n) && v.rust === String(n),
      `after clicking ${button}: JS sees ${v.js}, Rust sees ${v.rust} (expected ${n} on both)`);
  };
  await clickAndExpect('#inc-js', 1);
  await clickAndExpect('#inc-rust', 2);
  await clickAndExpect('#inc-js', 3);
  await clickAndExpect('#inc-rust', 4);

  // The hot field, read by the page through the zero-copy view on every
  // animation frame, and the maxima the repeater forwarded to a JS actor.
  for (let i = 0; i < 5; i++) await page.click('#send-number'); // sends 3, 1, 7, 2, 9
  await page.waitForFunction(() => document.getElementById('hot-max').textContent === '9'
    && document.getElementById('forwarded').textContent === '3, 7, 9', null, { timeout: 10_000 }).catch(() => {});
  const hotMax = (await page.textContent('#hot-max')).trim();
  const forwarded = (await page.textContent('#forwarded')).trim();
  expect(hotMax === '9', `zero-copy view shows max ${hotMax} (expected 9)`);
  expect(forwarded === '3, 7, 9', `the JS actor received maxima "${forwarded}" (expected "3, 7, 9")`);

  const rows = await page.$$eval('#scenarios li', (lis) => lis.map((li) => ({
    status: li.dataset.status, text: (li.querySelector('.name') ?? li).textContent,
  })));
  for (const r of rows) console.log(`  [${r.status}] ${r.text}`);
  const summary = (await page.textContent('#summary')).trim();
  const m = /^(\d+) passed, (\d+) failed$/.exec(summary);
  expect(m !== null && Number(m[2]) === 0 && Number(m[1]) === rows.length && rows.length > 0,
    `#summary reads "${summary}" for ${rows.length} scenario rows`);
  expect(rows.every((r) => r.status === 'pass'), 'every scenario row has data-status="pass"');
  const pageError = (await page.textContent('#error')).trim();
  expect(pageError === '', `no page error${pageError ? `: ${pageError}` : ''}`);
  expect(consoleErrors.length === 0, `no console errors${consoleErrors.length ? `: ${consoleErrors.join(' | ')}` : ''}`);

  await mkdir(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);

  console.log('svelte_runes_test.html:');
  const sveltePage = await browser.newPage();
  await checkSvelteRunes(sveltePage, `${server.url}/svelte_runes_test.html`, expect, async (name) => {
    const path = join(results, name);
    await sveltePage.screenshot({ path, fullPage: true });
    console.log(`screenshot: ${path}`);
  });
} catch (e) {
  expect(false, `browser test crashed: ${e?.stack ?? e}`);
} finally {
  await browser?.close();
  await server.close();
  await rm(profile, { recursive: true, force: true });
}

console.log(failures.length === 0 ? 'browser test: passed' : `browser test: ${failures.length} failure(s)`);
process.exit(failures.length === 0 ? 0 : 1);
