// The browser page's scenarios, run in Node too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as api from '../node.js';
import { scenarios } from '../scenarios/scenarios.mjs';

await api.init();

for (const s of scenarios) {
  test(`scenario: ${s.name}`, async () => {
    const detail = await s.run(api);
    assert.equal(typeof detail, 'string');
  });
}
