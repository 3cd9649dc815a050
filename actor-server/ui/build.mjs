// Builds the page into dist/ (committed, so that `cargo build` needs no
// npm): dist/app.js bundles src/ with elkjs; dist/index.html is copied.
// Usage: npm run build (after npm ci).
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';

await mkdir('dist', { recursive: true });
await build({
  entryPoints: ['src/main.js'],
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2020',
  legalComments: 'eof',
  outfile: 'dist/app.js',
  logLevel: 'warning',
});
await copyFile('src/index.html', 'dist/index.html');
