// A local HTTP server (127.0.0.1, random port) that replays recorded responses to test the real
// client path: throttling, retries, timeouts, paging. Used by the sources/*-client tests.
// It can also misbehave on cue: 503/429 with Retry-After, dropped connections, slow responses.

import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sharedData } from './paths.js';

export interface ReplayResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Wait this long before sending anything (for timeout tests). */
  delayMs?: number;
  /** Destroy the socket: before any byte, or after the headers and half the body. */
  drop?: 'before-headers' | 'mid-body';
}

export interface RecordedRequest {
  /** Path and query as received, e.g. `/api/query?id_list=...`. */
  url: string;
  params: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** performance.now() at arrival: comparable across requests in this process. */
  receivedAt: number;
  /** performance.now() when the response ended (or the socket was dropped). */
  finishedAt?: number;
  /** The request body as text (POST clients, e.g. /v1/embeddings). */
  body: string;
}

/** A fixed sequence (one response per request, in order) or a function of the request. */
export type ReplayScript = ReplayResponse[] | ((request: RecordedRequest, index: number) => ReplayResponse);

export interface ReplayServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  origin: string;
  requests: RecordedRequest[];
  /** Most requests ever in flight at once. */
  maxInFlight: number;
  close(): Promise<void>;
}

/** Starts the server; remember to `await server.close()` (e.g. in `after`). */
export async function startReplayServer(script: ReplayScript): Promise<ReplayServer> {
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  const state: ReplayServer = { origin: '', requests: [], maxInFlight: 0, close: async () => {} };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => respond(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  const respond = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const recorded = recordRequest(req, body);
    const index = state.requests.push(recorded) - 1;
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    const done = () => {
      if (recorded.finishedAt !== undefined) return;
      inFlight--;
      recorded.finishedAt = performance.now();
    };
    // Also fires when the client hangs up first (e.g. its timeout during a slow reply).
    res.on('close', done);
    const reply = pickResponse(script, recorded, index);
    if (!reply.delayMs) {
      send(req, res, reply, done);
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      send(req, res, reply, done);
    }, reply.delayMs);
    timers.add(timer);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.origin = `http://127.0.0.1:${port}`;
  state.close = () => {
    for (const timer of timers) clearTimeout(timer);
    server.closeAllConnections();
    return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  };
  return state;
}

function recordRequest(req: IncomingMessage, body: string): RecordedRequest {
  const url = req.url ?? '/';
  const params = new URL(url, 'http://replay.invalid').searchParams;
  return { url, params, headers: req.headers, receivedAt: performance.now(), body };
}

function pickResponse(script: ReplayScript, request: RecordedRequest, index: number): ReplayResponse {
  const reply = typeof script === 'function' ? script(request, index) : script[index];
  // 418 is a 4xx the clients do not retry, so an unscripted request fails fast and visibly.
  return (
    reply ?? { status: 418, body: `replay-server: no response scripted for request ${index}: ${request.url}` }
  );
}

function send(req: IncomingMessage, res: ServerResponse, reply: ReplayResponse, done: () => void): void {
  // The client may have given up (timeout) while a slow reply was pending.
  if (res.destroyed || reply.drop === 'before-headers') {
    req.socket.destroy();
    done();
    return;
  }
  const body = Buffer.from(reply.body ?? '', 'utf8');
  res.writeHead(reply.status ?? 200, {
    'content-type': 'application/xml; charset=utf-8',
    'content-length': String(body.length),
    ...reply.headers,
  });
  if (reply.drop === 'mid-body') {
    // Headers and part of the body reach the client, then the connection dies.
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => {
      req.socket.destroy();
      done();
    });
    return;
  }
  res.end(body, done);
}

/** Reads a recorded file under the shared data folder (path relative to it). */
export function readShared(relativePath: string): string {
  return readFileSync(join(sharedData, relativePath), 'utf8');
}

/** A 200 (or given status) whose body is a recorded file under the shared data folder. */
export function recordedBody(relativePath: string, status = 200): ReplayResponse {
  return { status, body: readShared(relativePath) };
}

/** A recorded HTTP exchange in arxiv.py's fixture format: `{ url, status_code, body }`. */
export function recordedExchange(relativePath: string): ReplayResponse {
  const exchange = JSON.parse(readShared(relativePath)) as { status_code: number; body: string };
  return { status: exchange.status_code, body: exchange.body };
}

/** 503 Service Unavailable, as arXiv sends when a client goes too fast. */
export function unavailable(retryAfter?: string): ReplayResponse {
  const headers: Record<string, string> = { 'content-type': 'text/plain' };
  if (retryAfter !== undefined) headers['retry-after'] = retryAfter;
  return { status: 503, headers, body: 'Service Unavailable' };
}

/** 429 Too Many Requests (RFC 6585 §4). */
export function tooManyRequests(retryAfter?: string): ReplayResponse {
  return { ...unavailable(retryAfter), status: 429, body: 'Too Many Requests' };
}

export function droppedConnection(at: ReplayResponse['drop'] = 'mid-body'): ReplayResponse {
  return { status: 200, body: '<?xml version="1.0"?><feed>never finished</feed>', drop: at };
}

export function slowResponse(delayMs: number, reply: ReplayResponse = { body: 'late' }): ReplayResponse {
  return { ...reply, delayMs };
}
