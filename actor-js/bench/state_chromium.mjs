// The state-access benchmark (state_cases.mjs) in headless Chromium:
// serves the repository root on 127.0.0.1, opens bench/browser/state.html
// in Debian's /usr/bin/chromium (driven by playwright-core, a fresh
// profile), waits for the run to end and prints its table. Every ratio
// comes from this one run.
//
//   sh scripts/build-wasm.sh && node actor-js/bench/state_chromium.mjs [--quick]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../test-browser/server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const quick = process.argv.includes('--quick');
// Many short rounds: on a loaded machine a round the page was descheduled
// in is an outlier that the medians leave out (the page has wall-clock
// time only; the Node runner measures CPU time).
const query = quick ? '?rounds=5&roundMs=10' : '?rounds=61&roundMs=5';

// Cross-origin isolation gives the page a 5 µs clock instead of a 100 µs one.
const server = await serve(repo, {
  headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
});
const profile = await mkdtemp(join(tmpdir(), 'actorflow-bench-chromium-'));
let browser;
let failed = false;
try {
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const page = browser.pages()[0] ?? await browser.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e}`));
  await page.goto(`${server.url}/actor-js/bench/browser/state.html${query}`);
  await page.waitForFunction(() => window.benchResult !== undefined || window.benchError !== undefined,
    null, { timeout: 20 * 60_000, polling: 1000 });
  const error = await page.evaluate(() => window.benchError);
  if (error) throw new Error(error);
  if (!(await page.evaluate(() => window.crossOriginIsolated))) console.error('warning: the page is not cross-origin isolated (coarse clock)');
  console.log(`Chromium ${browser.browser()?.version() ?? ''}`.trim());
  console.log(await page.textContent('#out'));
} catch (e) {
  failed = true;
  console.error(`benchmark failed: ${e?.stack ?? e}`);
} finally {
  await browser?.close();
  await server.close();
  await rm(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
