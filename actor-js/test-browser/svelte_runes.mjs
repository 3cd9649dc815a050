// The browser checks of svelte_runes_test.html (issue 12), run by run.mjs in
// the same Chromium: the page compiles a parent and a child component at
// runtime with svelte/compiler, imports them from Blob URLs (Svelte's
// runtime comes from node_modules through an import map), and the parent
// mounts the child with mount(Child, { target, props: { live } }). These
// checks click the page's buttons and read its DOM.

/**
 * @param {import('playwright-core').Page} page a fresh page
 * @param {string} url the page's address
 * @param {(ok: boolean, message: string) => void} expect records one check
 * @param {(name: string) => Promise<void>} screenshot saves a screenshot
 */
export async function checkSvelteRunes(page, url, expect, screenshot) {
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  // Everything comes from the test server (Svelte from node_modules), or from Blob URLs.
  const { origin } = new URL(url);
  const elsewhere = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(`${origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:')) elsewhere.push(u);
  });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  await page.waitForSelector('#status[data-ready="true"], #status[data-ready="failed"]', { timeout: 60_000 });
  const status = await page.getAttribute('#status', 'data-ready');
  expect(status === 'true', `the Svelte page is ready${status === 'true' ? '' : `: ${(await page.textContent('#error')).trim()}`}`);
  if (status !== 'true') return;

  const read = (id) => page.$eval(`#${id}`, (el) => el.textContent.trim());
  /** Waits (bounded) until every `#id` reads the wanted text, then checks it. */
  const until = async (wanted, what) => {
    await page.waitForFunction(
      (w) => Object.entries(w).every(([id, t]) => document.getElementById(id)?.textContent.trim() === t),
      wanted, { timeout: 10_000 },
    ).catch(() => {});
    const got = {};
    for (const id of Object.keys(wanted)) got[id] = await page.$eval(`#${id}`, (el) => el.textContent.trim()).catch(() => '(missing)');
    const ok = Object.entries(wanted).every(([id, t]) => got[id] === t);
    expect(ok, `${what}: ${JSON.stringify(got)}${ok ? '' : ` (expected ${JSON.stringify(wanted)})`}`);
  };

  await until({ 'child-count': '0', 'parent-count': '0', 'child-mounts': '1' }, 'mounted');
  const childCount = await page.$('#child-count');

  // 1. A write by a Rust actor in the running network updates the child's DOM, without a re-mount.
  await page.click('#rust-inc');
  await until({ 'child-count': '1', 'child-doubled': '2', 'parent-count': '1' }, '1. after a Rust actor\'s write');
  const same = await childCount.evaluate((el) => el.isConnected && el === document.getElementById('child-count'));
  expect(same, '1. the child\'s DOM node is the same one (not re-rendered)');
  expect(await read('child-mounts') === '1', '1. the child was mounted once');
  for (let i = 0; i < 3; i++) await page.click('#send-number'); // 3, 1, 7 to rust/RunningMax
  await until({ 'child-peak': '7' }, '1. the hot field max written by rust/RunningMax');

  // 2. A write from the parent component updates the child.
  await page.click('#parent-inc');
  await until({ 'child-count': '2', 'child-doubled': '4', 'parent-count': '2' }, '2. after the parent\'s write');

  // 3. The child's own write reaches Rust (a Rust actor reads it back) and the parent.
  await page.click('#child-inc');
  await until({ 'parent-count': '3', 'child-count': '3' }, '3. after a click in the child, the parent');
  await page.click('#rust-read');
  await until({ 'rust-reads': '3' }, '3. rust/ReadState reads what the child wrote');
  expect(await read('child-mounts') === '1', '3. still mounted once');

  // One subscription per state while mounted: the parent and the child read
  // count through one object; only the child reads the hot field.
  await until({ 'subs-counter': '1', 'subs-max': '1' }, 'subscriptions while mounted');
  await screenshot('svelte_runes.png');

  // 4. After unmount, the state has no subscribers left.
  await page.click('#unmount-child');
  await until({ 'subs-counter': '1', 'subs-max': '0' }, '4. after unmounting the child (the parent still reads count)');
  expect(await page.$('#child-count') === null, '4. the child\'s DOM is gone');
  await page.click('#unmount-all');
  await until({ 'subs-counter': '0', 'subs-max': '0' }, '4. after unmounting the parent');
  expect(await page.$('#parent-count') === null, '4. the parent\'s DOM is gone');
  // Writes after unmount reach nobody, and the state still works.
  await page.click('#rust-inc');
  await page.click('#rust-read');
  await until({ 'rust-reads': '4' }, '4. a Rust write after unmount still counts');
  await screenshot('svelte_runes_unmounted.png');

  // Mounting again works and picks up the current value.
  await page.click('#mount-again');
  await until({ 'child-count': '4', 'parent-count': '4', 'child-mounts': '2', 'subs-counter': '1', 'subs-max': '1' },
    'mounted again');

  expect(elsewhere.length === 0, `every request went to the test server${elsewhere.length ? `: also ${elsewhere.join(', ')}` : ''}`);
  const fromNodeModules = requests.filter((u) => u.includes('/actor-js/node_modules/svelte/')).length;
  const blobs = requests.filter((u) => u.startsWith('blob:')).length;
  expect(fromNodeModules > 0 && blobs === 2,
    `Svelte came from node_modules (${fromNodeModules} files) and the two components from Blob URLs (${blobs})`);
  expect(consoleErrors.length === 0, `no console errors or warnings on the Svelte page${consoleErrors.length ? `: ${consoleErrors.join(' | ')}` : ''}`);
}
