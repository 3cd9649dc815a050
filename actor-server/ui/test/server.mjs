// Starts `actorflow serve` on a free loopback port for a test, and stops it.
//
// The binary is $ACTORFLOW_BIN (scripts/test-server.sh sets it), else the
// workspace's debug build. The server runs from the repository root, so
// graph paths are relative to it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import readline from 'node:readline';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = process.env.ACTORFLOW_BIN || path.join(root, 'target/debug/actorflow');

/**
 * Starts the server with `args` after `serve --port 0`, and resolves once
 * it printed its addresses: `{ ws, http, secret, stop() }`.
 */
export function startServer({ args = [], secret = 'test-secret' } = {}) {
  const child = spawn(bin, ['serve', '--port', '0', ...args], {
    cwd: root,
    env: { ...process.env, ACTORFLOW_SECRET: secret },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('actorflow serve did not print its address within 20 s')), 20000);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`actorflow serve exited with ${code} before it was ready`)));
    const lines = readline.createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const ws = line.match(/ws:\/\/\S+/)?.[0];
      const http = line.match(/http:\/\/\S+/)?.[0];
      if (!ws || !http) {
        reject(new Error(`unexpected first line: ${line}`));
        return;
      }
      // Keep reading stdout, so the server never blocks on a full pipe.
      lines.on('line', () => {});
      resolve({
        ws,
        http,
        secret,
        stop: () => new Promise((done) => {
          child.removeAllListeners('exit');
          child.once('exit', () => done());
          child.kill('SIGTERM');
        }),
      });
    });
  });
}
