// Client for arXiv's HTML renderings (`<ARXIV_HTML_URL>/<id>v<version>`): one GET through the polite
// client, the page converted to Markdown by arxiv-html.ts. Called by ingest/full-text.ts for the
// paper's Markdown form; built by cli/context.ts only when ARXIV_HTML_URL is set (off: offline).

import { AppError } from '../lib/errors.js';
import { arxivHtmlToMarkdown } from './arxiv-html.js';
import type { PoliteHttpClient } from './polite-http.js';

/** `found`: the body as Markdown; `missing`: arXiv has no HTML rendering of it (404, or no LaTeXML page). */
export type FullTextFetch =
  | { kind: 'found'; markdown: string; url: string }
  | { kind: 'missing'; url: string };

export interface FullTextSource {
  fetchMarkdown(arxivId: string, version: number | null): Promise<FullTextFetch>;
}

export class ArxivHtmlClient implements FullTextSource {
  constructor(private readonly options: { http: PoliteHttpClient; baseUrl: string }) {}

  /** Throws HttpUnavailableError (timeouts, 5xx) or an `unavailable` AppError for other statuses. */
  async fetchMarkdown(arxivId: string, version: number | null): Promise<FullTextFetch> {
    const base = this.options.baseUrl.replace(/\/+$/, '');
    const url = `${base}/${arxivId}${version ? `v${version}` : ''}`;
    const response = await this.options.http.getText(url);
    if (response.status === 404 || response.status === 410) return { kind: 'missing', url };
    if (response.status !== 200) throw new AppError('unavailable', `GET ${url}: HTTP ${response.status}`);
    const markdown = arxivHtmlToMarkdown(response.body, pageBase(response.body, response.url));
    return markdown ? { kind: 'found', markdown, url: response.url } : { kind: 'missing', url };
  }
}

/** What the page's relative links (figures, files) resolve against: its `<base href>`, else its folder. */
function pageBase(html: string, url: string): string {
  const folder = url.endsWith('/') ? url : `${url}/`;
  const declared = /<base\s+href="([^"]*)"/i.exec(html)?.[1];
  try {
    return declared ? new URL(declared, folder).href : folder;
  } catch {
    return folder;
  }
}
