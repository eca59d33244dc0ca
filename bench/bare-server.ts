// The baseline of bench:serve, in its own process: a bare Hono app on @hono/node-server that answers
// each captured path with the very bytes and content type our server sent for it (the signed-in
// capture when the request carries a cookie). Reads the manifest written by bench/serve.ts, prints its port.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

interface Captured {
  contentType: string;
  file: string;
}
const manifestPath = process.argv[2];
if (!manifestPath) throw new Error('usage: bare-server <manifest.json>');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<
  'anonymous' | 'signedIn',
  Record<string, Captured>
>;
const load = (set: Record<string, Captured>) =>
  new Map(
    Object.entries(set).map(([path, c]) => [path, { body: readFileSync(c.file), type: c.contentType }]),
  );
const anonymous = load(manifest.anonymous);
const signedIn = load(manifest.signedIn);

const app = new Hono();
app.get('*', (c) => {
  const url = c.req.url;
  const path = url.slice(url.indexOf('/', url.indexOf('//') + 2));
  const found = (c.req.header('cookie') ? signedIn : anonymous).get(path);
  if (!found) return c.text('not captured', 404);
  return c.body(found.body, 200, { 'content-type': found.type });
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
server.once('listening', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
