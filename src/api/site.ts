// Public URLs of this instance (paper pages, reading lists, feeds) built from the configured base URL.
// Used by the JSON API, the feeds and the OpenAPI document so every surface links the same way.

import type { Config } from '../config/config.js';

export interface SiteInfo {
  /** Base URL without a trailing slash. */
  baseUrl: string;
  siteName: string;
}

export function siteInfo(config: Pick<Config, 'baseUrl' | 'siteName'>): SiteInfo {
  return { baseUrl: config.baseUrl.replace(/\/+$/, ''), siteName: config.siteName };
}

/** Our page for a paper; old-style ids keep their slash, as on arxiv.org (`/papers/hep-th/9901001`). */
export function paperPageUrl(site: SiteInfo, arxivId: string): string {
  return `${site.baseUrl}/papers/${arxivId}`;
}

/** A reading list's page. */
export function collectionPageUrl(site: SiteInfo, id: number): string {
  return `${site.baseUrl}/collections/${id}`;
}
