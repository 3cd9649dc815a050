// The live graph page of `actorflow serve`. It talks to the runtime only
// through fbp-protocol on the WebSocket it was served from:
//   runtime:getruntime      -> the main graph's id
//   component:list          -> every component's ports
//   component:getsource     -> the main graph, as NoFlo graph JSON
//   network:start / stop / getstatus, and the network's events
//   actorflow:stats         -> per-edge packet counts and busy processes
//                              (actorflow's extension, sent only on request)
import { Connection, secretFromLocation } from './connection.js';
import { layout } from './layout.js';
import { edgeKey, render } from './render.js';

const $ = (id) => document.getElementById(id);
const conn = new Connection(`ws://${location.host}/`, secretFromLocation(location));
const components = new Map();
let componentsReady = false;
let graphId = null;
let graph = null;
let view = null;
let status = { running: false, started: false };
/** What the message of a restart's `network:processerror` holds (see actor-server's `run.rs`). */
const RESTARTED = '(restarted: ';

function setStatus(text, cls = '') {
  $('status').textContent = text;
  $('status').className = cls;
}

function showError(text) {
  const li = document.createElement('li');
  li.textContent = text;
  $('errors').append(li);
}

function updateButtons() {
  $('start').disabled = !graphId || status.running;
  $('stop').disabled = !graphId || !status.running;
}

async function draw() {
  if (!graph || !componentsReady) return;
  const laid = await layout(graph, components);
  view = render($('canvas'), laid);
  const rows = (graph.connections || []).filter((c) => c.src).map((c) => {
    const key = edgeKey(c.src, c.tgt);
    const tr = document.createElement('tr');
    tr.dataset.edge = key;
    tr.innerHTML = '<td class="name"></td><td class="count">0</td>';
    tr.querySelector('.name').textContent = key;
    return tr;
  });
  $('edges').replaceChildren(...rows);
  document.body.dataset.ready = 'true';
}

function onStats(p) {
  if (p.graph !== graphId || !view) return;
  for (const e of p.edges) {
    const key = edgeKey(e.src, e.tgt);
    view.count(key, e.packets);
    const cell = document.querySelector(`#edges tr[data-edge="${CSS.escape(key)}"] .count`);
    if (cell) cell.textContent = e.packets.toLocaleString('en');
  }
  view.busy(p.busy);
  $('meta').textContent = `uptime ${p.uptime.toFixed(1)} s`;
}

conn.addEventListener('open', () => {
  setStatus('connected');
  conn.send('runtime', 'getruntime');
  conn.send('component', 'list');
});
conn.addEventListener('close', () => {
  setStatus('disconnected', 'failed');
  status.running = false;
  updateButtons();
});

conn.addEventListener('message', ({ detail: msg }) => {
  const p = msg.payload;
  switch (`${msg.protocol}:${msg.command}`) {
    case 'runtime:runtime':
      graphId = p.graph || null;
      if (!p.capabilities?.includes('protocol:network')) {
        showError('The runtime grants this page nothing: open it as http://HOST:PORT/#secret=SECRET');
      }
      if (!graphId) {
        $('graph-name').textContent = 'no main graph (start `actorflow serve GRAPH`)';
        break;
      }
      $('graph-name').textContent = graphId;
      conn.send('component', 'getsource', { name: graphId });
      conn.send('actorflow', 'stats', { graph: graphId, enable: true });
      conn.send('network', 'getstatus', { graph: graphId });
      break;
    case 'component:component':
      components.set(p.name, p);
      break;
    case 'component:componentsready':
      componentsReady = true;
      draw();
      break;
    case 'component:source':
      if (p.name === graphId) {
        graph = JSON.parse(p.code);
        draw();
      }
      break;
    case 'network:status':
    case 'network:started':
    case 'network:stopped':
      if (p.graph !== graphId) break;
      status = { running: !!p.running, started: !!p.started };
      if (msg.command === 'started') {
        view?.reset();
        $('errors').replaceChildren();
      }
      setStatus(p.running ? 'running' : (msg.command === 'stopped' || !p.started ? 'stopped' : 'finished'), p.running ? 'running' : '');
      updateButtons();
      break;
    case 'network:data':
      if (p.graph === graphId && p.src) view?.data(edgeKey(p.src, p.tgt), p.data);
      break;
    case 'network:processerror':
      if (p.graph === graphId) {
        showError(`${p.id}: ${p.error}`);
        // actorflow reports a restart as a processerror whose message says
        // so (fbp-protocol's payload has no other field for it): the
        // network goes on, so only the node is marked.
        if (p.error.includes(RESTARTED)) {
          view?.restarted(p.id);
        } else {
          view?.failed(p.id);
          setStatus('failed', 'failed');
        }
      }
      break;
    case 'network:error':
    case 'runtime:error':
    case 'graph:error':
    case 'component:error':
      showError(p.message);
      break;
    case 'actorflow:stats':
      onStats(p);
      break;
    default:
      // A graph edit from another client: redraw from the new source.
      if (msg.protocol === 'graph' && graphId && (p.graph === graphId || p.id === graphId)) {
        conn.send('component', 'getsource', { name: graphId });
      }
  }
});

$('start').addEventListener('click', () => conn.send('network', 'start', { graph: graphId }));
$('stop').addEventListener('click', () => conn.send('network', 'stop', { graph: graphId }));
