// Trace records what a browser context did: every request with its
// response status and Location, the bodies of error responses, failed
// requests, and the console and uncaught errors of every page and frame.
// Printed when a scenario fails, it shows the exchange that went wrong.
export class Trace {
  constructor(context) {
    this.lines = [];
    this.exchanges = []; // {method, url, status, location, body}, in full
    this.pending = [];
    context.on('response', (r) => this.pending.push(this.response(r)));
    context.on('requestfailed', (r) => this.add(`FAILED ${r.method()} ${short(r.url())}: ${r.failure()?.errorText}`));
    context.on('page', (p) => this.watch(p));
  }

  add(line) {
    this.lines.push(line);
  }

  watch(page) {
    page.on('console', (m) => this.add(`console.${m.type()} [${short(page.url())}] ${m.text()}`));
    page.on('pageerror', (e) => this.add(`pageerror [${short(page.url())}] ${e.message}`));
  }

  async response(r) {
    const req = r.request();
    let line = `${req.method()} ${short(req.url())} -> ${r.status()}`;
    const location = r.headers()['location'];
    this.exchanges.push({ method: req.method(), url: new URL(req.url()), status: r.status(), location, body: req.postData() });
    if (location) line += ` Location: ${short(location)}`;
    if (req.method() === 'POST') line += `\n    body: ${short(req.postData() ?? '')}`;
    if (r.status() >= 400) line += `\n    response: ${short(await r.text().catch(() => '?'), 600)}`;
    this.add(line);
  }

  // find returns the answered requests so far to paths on origin.
  async find(method, origin, pathname) {
    await Promise.allSettled(this.pending);
    return this.exchanges.filter((x) => x.method === method && x.url.origin === origin && x.url.pathname === pathname);
  }

  async print() {
    await Promise.allSettled(this.pending);
    console.error('--- browser trace ---');
    for (const l of this.lines) console.error(l);
  }
}

function short(s, n = 400) {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
