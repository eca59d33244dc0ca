// Shared setup for the page tests: a migrated test database per dialect with an app over it.

import type { Hono } from 'hono';
import type { Config } from '../../src/config/config.js';
import type { PaperRecord } from '../../src/model/paper.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { createApp } from '../../src/web/app.js';
import { boardRecord } from '../helpers/factories.js';
import { testContext } from '../helpers/test-app.js';
import type { TestDatabase } from '../helpers/test-db.js';

export async function loadRecords(database: TestDatabase, records: PaperRecord[]): Promise<void> {
  await upsertPapers(database, records, '2026-08-21T09:00:00.000Z');
}

export function appFor(database: TestDatabase, config: Partial<Config> = {}): Hono {
  const ctx = testContext(database);
  return createApp({ ...ctx, config: { ...ctx.config, ...config } });
}

export interface Page {
  status: number;
  html: string;
  headers: Headers;
}

export async function get(app: Hono, path: string): Promise<Page> {
  const response = await app.request(path);
  return { status: response.status, html: await response.text(), headers: response.headers };
}

/** Paper-page hrefs of the board's cards, in page order. */
export function cardOrder(html: string): string[] {
  return [...html.matchAll(/<h2 class="paper-title"[^>]*><a href="\/papers\/([^"]+)"/g)].map(
    (m) => m[1] ?? '',
  );
}

/** The href of the link with the given rel (prev/next) in the period navigation. */
export function relHref(html: string, rel: 'prev' | 'next'): string | undefined {
  return new RegExp(`<a href="([^"]+)" rel="${rel}">`).exec(html)?.[1];
}

/** A form POST as a browser on our own site sends it (Origin set, so the CSRF check passes). */
export function postForm(
  app: Hono,
  path: string,
  form: Record<string, string>,
  options: { cookie?: string | undefined; origin?: string } = {},
): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: options.origin ?? 'http://paperboard.test',
        ...(options.cookie ? { cookie: options.cookie } : {}),
      },
    }),
  );
}

/**
 * Three board papers on unrelated topics (cs.CL parsing, cs.RO robots, astro-ph galaxies): a reader
 * who follows one topic is recommended one paper, distinct from the others.
 */
export const THREE_TOPIC_PAPERS: PaperRecord[] = [
  boardRecord({
    arxivId: '2608.00001',
    title: 'Parsing with grammars',
    categories: ['cs.CL'],
    primaryCategory: 'cs.CL',
  }),
  boardRecord({
    arxivId: '2608.00002',
    title: 'Robots that walk',
    categories: ['cs.RO'],
    primaryCategory: 'cs.RO',
  }),
  boardRecord({
    arxivId: '2608.00003',
    title: 'Galaxies',
    categories: ['astro-ph.GA'],
    primaryCategory: 'astro-ph.GA',
  }),
];
