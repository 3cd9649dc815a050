// A tiny static file server for the browser test: serves one directory on
// 127.0.0.1 only, GET/HEAD only, never outside the root.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.png': 'image/png',
};

/**
 * Serves `root` on 127.0.0.1 at a free port.
 * @param {string} root
 * @param {{ headers?: Record<string, string> }} [options] extra response headers
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serve(root, { headers = {} } = {}) {
  const base = normalize(root + sep);
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      const file = normalize(join(base, path));
      if (!file.startsWith(base) || !(await stat(file)).isFile()) {
        res.writeHead(404).end();
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// Run directly (`node actor-js/test-browser/server.mjs`): serve the
// repository root on 127.0.0.1 until interrupted, and print the pages'
// addresses. The Svelte page loads Svelte from actor-js/node_modules
// (run `npm ci` in actor-js first).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
  const { url } = await serve(repoRoot);
  console.log(`${url}/state_sharing_test.html`);
  console.log(`${url}/svelte_runes_test.html`);
}
