// Static assets: the site stylesheet and script (in-memory strings) and KaTeX's stylesheet and
// fonts, read from the installed katex package so they always match the renderer's version.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Context, Hono } from 'hono';
import { appCss } from '../assets/app-css.js';
import { appJs } from '../assets/app-js.js';
import { requireQuery } from '../form.js';
import { AssetQuery } from '../forms/queries.js';
import { assetHash } from '../views/asset-urls.js';

const katexDist = join(dirname(createRequire(import.meta.url).resolve('katex/package.json')), 'dist');

const FONT_TYPES: Record<string, string> = { woff2: 'font/woff2', woff: 'font/woff', ttf: 'font/ttf' };
// Only plain, short file names: no separators or dots beyond the extension, so nothing outside
// fonts/; and a name longer than any KaTeX font is a 404 here, not an ENAMETOOLONG from the disk.
const FONT_NAME = /^KaTeX_[A-Za-z0-9-]{1,40}\.(woff2|woff|ttf)$/;
const YEAR = 'public, max-age=31536000, immutable';
const DAY = 'public, max-age=86400';

const fileCache = new Map<string, Promise<Buffer>>();

function readCached(path: string): Promise<Buffer> {
  let file = fileCache.get(path);
  if (!file) {
    file = readFile(path);
    // A failed read is not cached, so a transient error does not stick.
    file.catch(() => fileCache.delete(path));
    fileCache.set(path, file);
  }
  return file;
}

/** Versioned URLs (?v=hash) can be cached forever; bare ones (and older versions) for a day. */
async function cacheControl(c: Context, version: string): Promise<string> {
  const { v } = await requireQuery(c, AssetQuery);
  return v === version ? YEAR : DAY;
}

function send(c: Context, body: string | Buffer, type: string, cache: string): Response {
  const bytes = typeof body === 'string' ? body : new Uint8Array(body);
  return c.body(bytes, 200, {
    'content-type': type,
    'cache-control': cache,
    'x-content-type-options': 'nosniff',
  });
}

// The logo mark as the site icon: browsers ask for /favicon.ico on their own, and accept SVG there.
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#e8710a"/><path d="M16 7l9 16H7z" fill="#fff"/></svg>`;

export function registerAssetRoutes(app: Hono): void {
  for (const path of ['/favicon.ico', '/assets/favicon.svg']) {
    app.get(path, (c) => send(c, FAVICON, 'image/svg+xml', 'public, max-age=86400'));
  }
  app.get('/assets/app.css', async (c) =>
    send(c, appCss, 'text/css; charset=utf-8', await cacheControl(c, assetHash.appCss)),
  );
  app.get('/assets/app.js', async (c) =>
    send(c, appJs, 'text/javascript; charset=utf-8', await cacheControl(c, assetHash.appJs)),
  );
  app.get('/assets/katex/katex.min.css', async (c) =>
    send(
      c,
      await readCached(join(katexDist, 'katex.min.css')),
      'text/css; charset=utf-8',
      await cacheControl(c, assetHash.katex),
    ),
  );
  app.get('/assets/katex/fonts/:file', async (c) => {
    const file = c.req.param('file');
    const match = FONT_NAME.exec(file);
    const type = match?.[1] ? FONT_TYPES[match[1]] : undefined;
    if (!type) return c.notFound();
    try {
      return send(c, await readCached(join(katexDist, 'fonts', file)), type, YEAR);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENAMETOOLONG') return c.notFound();
      throw error;
    }
  });
}
