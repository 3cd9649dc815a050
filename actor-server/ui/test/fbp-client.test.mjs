// fbp-client 0.4.3 (the client library behind noflo-ui) against the real
// server: it validates every message against the fbp-protocol schemas.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startServer } from './server.mjs';

const require = createRequire(import.meta.url);
const fbpClient = require('fbp-client');

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

async function connect(secret = server.secret) {
  const client = await fbpClient({ address: server.ws, protocol: 'websocket', secret }, { commandTimeout: 5000 });
  const protocolErrors = [];
  client.on('protocolError', (e) => protocolErrors.push(e));
  await client.connect();
  return { client, protocolErrors };
}

/** Resolves with the first signal of `protocol` matching `pred`, or rejects after `ms`. */
function waitFor(client, protocol, pred, ms = 5000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching ${protocol} signal within ${ms} ms`)), ms);
    const listener = (signal) => {
      if (pred(signal)) {
        clearTimeout(timer);
        client.removeListener(protocol, listener);
        resolve(signal);
      }
    };
    client.on(protocol, listener);
  });
}

test('lists components, builds a graph by edits, runs it, and exchanges packets', async () => {
  const { client, protocolErrors } = await connect();
  const watcher = await connect();

  // fbp-client asks getruntime itself when it connects.
  const runtime = client.definition;
  assert.equal(runtime.type, 'actorflow');
  assert.equal(runtime.version, '0.8');
  for (const cap of ['protocol:graph', 'protocol:network', 'protocol:component', 'protocol:runtime', 'network:data']) {
    assert.ok(runtime.capabilities.includes(cap), cap);
  }

  const components = await client.protocol.component.list();
  const repeat = components.find((c) => c.name === 'core/Repeat');
  assert.ok(repeat, 'core/Repeat is listed');
  assert.deepEqual(repeat.inPorts.map((p) => p.id), ['in']);
  assert.ok(components.find((c) => c.name === 'stream/Take').inPorts.some((p) => p.id === 'count' && p.type === 'int'));

  const graph = 'edited';
  await client.protocol.graph.clear({ id: graph, name: 'Edited graph', main: true });
  await client.protocol.graph.addnode({ id: 'a', component: 'core/Repeat', metadata: { x: 10, y: 20 }, graph });
  await client.protocol.graph.addnode({ id: 'b', component: 'text/Format', graph });
  await client.protocol.graph.addedge({ src: { node: 'a', port: 'out' }, tgt: { node: 'b', port: 'in' }, graph });
  await client.protocol.graph.addinitial({ src: { data: '<{name}>' }, tgt: { node: 'b', port: 'template' }, graph });
  await client.protocol.graph.addinport({ public: 'in', node: 'a', port: 'in', graph });
  await client.protocol.graph.addoutport({ public: 'out', node: 'b', port: 'out', graph });

  // An edit that does not fit the registry is refused with the reason.
  await assert.rejects(
    client.protocol.graph.addedge({ src: { node: 'a', port: 'nope' }, tgt: { node: 'b', port: 'in' }, graph }),
    /node "a" \(core\/Repeat\) has no outport "nope" \(outports: out\)/,
  );
  await assert.rejects(client.protocol.graph.addnode({ id: 'c', component: 'core/Nope', graph }), /unknown component "core\/Nope"/);

  // The watcher (a second client) sees the network's events too.
  const watcherData = waitFor(watcher.client, 'network', (s) => s.command === 'data' && s.payload.id === 'a() OUT -> IN b()');
  const iip = waitFor(client, 'network', (s) => s.command === 'data' && s.payload.id === 'DATA -> TEMPLATE b()');
  const edgeData = waitFor(client, 'network', (s) => s.command === 'data' && s.payload.id === 'a() OUT -> IN b()');
  const output = waitFor(client, 'runtime', (s) => s.command === 'packet' && s.payload.port === 'out');

  const started = await client.protocol.network.start({ graph });
  assert.equal(started.graph, graph);
  assert.equal((await iip).payload.data, '<{name}>');

  const sent = await client.protocol.runtime.packet({ graph, port: 'in', event: 'data', payload: { name: 'Ada' } });
  assert.equal(sent.port, 'in');
  assert.deepEqual((await edgeData).payload.data, { name: 'Ada' });
  assert.deepEqual((await watcherData).payload.data, { name: 'Ada' });
  const out = await output;
  assert.equal(out.payload.event, 'data');
  assert.equal(out.payload.payload, '<Ada>');

  const status = await client.protocol.network.getstatus({ graph });
  assert.deepEqual(status, { graph, running: true, started: true });

  // The main graph's source is its NoFlo graph JSON.
  const source = await client.protocol.component.getsource({ name: graph });
  assert.equal(source.language, 'json');
  assert.deepEqual(Object.keys(JSON.parse(source.code).processes), ['a', 'b']);
  await assert.rejects(client.protocol.component.getsource({ name: 'core/Repeat' }), /not available/);

  const stopped = await client.protocol.network.stop({ graph });
  assert.equal(stopped.started, false);
  assert.equal(stopped.running, false);

  assert.deepEqual(protocolErrors, [], 'every message the runtime sent is valid fbp-protocol');
  assert.deepEqual(watcher.protocolErrors, []);
  await client.disconnect();
  await watcher.client.disconnect();
});

test('a failing process is reported as processerror naming it, then error and stopped', async () => {
  const { client, protocolErrors } = await connect();
  const graph = 'failing';
  await client.protocol.graph.clear({ id: graph });
  await client.protocol.graph.addnode({ id: 'read', component: 'fs/ReadLines', graph });
  await client.protocol.graph.addinitial({ src: { data: 'actor-server/spec/data/no-such-file.txt' }, tgt: { node: 'read', port: 'in' }, graph });
  const failed = waitFor(client, 'network', (s) => s.command === 'processerror');
  const error = waitFor(client, 'network', (s) => s.command === 'error');
  const stopped = waitFor(client, 'network', (s) => s.command === 'stopped');
  await client.protocol.network.start({ graph });
  const p = (await failed).payload;
  assert.equal(p.id, 'read');
  assert.match(p.error, /no-such-file\.txt/);
  assert.match((await error).payload.message, /read/);
  assert.equal((await stopped).payload.started, true, 'a network that ended by itself stays started until stopped');
  assert.deepEqual(protocolErrors, []);
  await client.disconnect();
});

test('a wrong secret may do nothing', async () => {
  const { client: intruder } = await connect('wrong');
  assert.deepEqual(intruder.definition.capabilities, [], 'getruntime answers, granting nothing');
  assert.equal(intruder.definition.graph, undefined, 'and naming no graph');
  await assert.rejects(intruder.protocol.graph.clear({ id: 'intruded', main: true }));
  await intruder.disconnect();
  const { client } = await connect();
  assert.notEqual(client.definition.graph, 'intruded');
  await client.disconnect();
});
