// The page's only link to the runtime: the fbp-protocol WebSocket it was
// served from (subprotocol "noflo"). The secret, when the server needs
// one, comes from the page address: http://HOST:PORT/#secret=SECRET.

export class Connection extends EventTarget {
  constructor(url, secret) {
    super();
    this.secret = secret;
    this.socket = new WebSocket(url, 'noflo');
    this.socket.addEventListener('open', () => this.dispatchEvent(new Event('open')));
    this.socket.addEventListener('close', (e) => this.dispatchEvent(new CustomEvent('close', { detail: e })));
    this.socket.addEventListener('message', (e) => {
      let msg;
      try {
        msg = JSON.parse(e.data);
      } catch {
        return;
      }
      this.dispatchEvent(new CustomEvent('message', { detail: msg }));
    });
  }

  /** Sends one fbp-protocol message. */
  send(protocol, command, payload = {}) {
    const msg = { protocol, command, payload };
    if (this.secret) msg.secret = this.secret;
    this.socket.send(JSON.stringify(msg));
  }
}

/** The secret in the page address (`#secret=...`), if any. */
export function secretFromLocation(location) {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  return params.get('secret') || undefined;
}
