// How long the node server waits on a client, passed to @hono/node-server by `serve`
// (cli/commands/serve.ts). Node's defaults let a client drip its headers for 60 s and its body for
// 300 s, holding a connection (and a slot of the body limit's buffer) all that time.

import type { ServerOptions } from 'node:http';

export interface ServerTimeouts {
  /** The request line and headers must arrive within this many milliseconds. */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this many milliseconds. */
  requestTimeoutMs: number;
}

/**
 * Ample for a person's form (at most 128 KiB, request-edge.ts) on a slow line, short for a drip.
 * Node counts the headers' time from the connection, and checks it before reading a socket, so an
 * event loop stalled for that long (a loaded box) would time out headers already waiting: 20 s.
 */
export const SERVER_TIMEOUTS: ServerTimeouts = { headersTimeoutMs: 20_000, requestTimeoutMs: 30_000 };

export function serverOptions(timeouts: ServerTimeouts = SERVER_TIMEOUTS): ServerOptions {
  return {
    headersTimeout: timeouts.headersTimeoutMs,
    requestTimeout: timeouts.requestTimeoutMs,
    // Node checks the two timeouts only this often (30 s by default), so a check must come sooner.
    connectionsCheckingInterval: Math.min(2_000, timeouts.headersTimeoutMs),
  };
}
