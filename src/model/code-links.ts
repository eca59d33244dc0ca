// Finds code and project links in an abstract or comments field and normalises them so the same
// repository written three ways (`https://www.github.com/A/B.git`, `github.com/a/b/tree/main`, ...)
// is stored once. Used by ingest for every record and by the store when merging sources.

import type { CodeLink, CodeLinkKind } from './paper.js';

// A URL in running text: either with a scheme, or a bare host we recognise (authors often write
// "code: github.com/foo/bar"). Stops at whitespace, quotes and closing brackets.
// LaTeX escapes such as `\_` count as part of the URL.
const URL_CHARS = /(?:[^\s<>"'{}|\\^`\]]|\\[_~%&#])+/.source;
const URL_IN_TEXT = new RegExp(
  `\\b(?:https?:\\/\\/${URL_CHARS}|(?:www\\.)?(?:github\\.com|gitlab\\.com|huggingface\\.co)\\/${URL_CHARS})`,
  'gi',
);

// Plain substring checks: a case-insensitive regex over every abstract was a bulk-import hot spot.
const LINK_MARKERS = [
  '://',
  'github.com',
  'gitlab.com',
  'huggingface.co',
  'GitHub.com',
  'Github.com',
  'GitLab.com',
  'Gitlab.com',
];

function mightHaveLink(text: string): boolean {
  return LINK_MARKERS.some((marker) => text.includes(marker));
}

// Hosts that are about the paper itself, not code or a project page.
const NOT_PROJECT_HOSTS = /(^|\.)(arxiv\.org|doi\.org|dx\.doi\.org|creativecommons\.org|orcid\.org)$/i;

// Hugging Face paths that name an artefact (model, dataset, space), not a page like /papers.
const HF_ARTEFACT = /^\/(?:(spaces|datasets)\/)?[\w.-]+\/[\w.-]+/;

/** Classifies and normalises one URL; undefined when it is not a code or project link. */
export function normaliseCodeLink(raw: string): CodeLink | undefined {
  let text = raw.trim().replace(/[.,;:!?)'"\]}>]+$/, '');
  // LaTeX-escaped URLs from arXiv comments: `\url{...}`, `\_` and `\~`.
  text = text.replace(/\\([_~%&#])/g, '$1');
  if (!/^https?:\/\//i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  if (!host.includes('.') || NOT_PROJECT_HOSTS.test(host)) return undefined;
  const segments = url.pathname.split('/').filter(Boolean);

  if (host === 'github.com' || host === 'gitlab.com') {
    const kind: CodeLinkKind = host === 'github.com' ? 'github' : 'gitlab';
    const [owner, repoRaw] = segments;
    if (!owner || !repoRaw) return undefined;
    const repo = repoRaw.replace(/\.git$/i, '');
    // Owner and repo are case-insensitive on both hosts: keep the authors' spelling, dedupe ignoring case.
    return { kind, url: `https://${host}/${owner}/${repo}` };
  }
  if (host === 'huggingface.co' || host === 'hf.co') {
    const match = HF_ARTEFACT.exec(url.pathname);
    if (!match || segments[0] === 'papers' || segments[0] === 'blog') return undefined;
    return { kind: 'huggingface', url: `https://huggingface.co${match[0]}` };
  }
  url.hash = '';
  url.search = '';
  const path = url.pathname.replace(/\/+$/, '');
  // A PDF or image is a file, not a project page.
  if (/\.(pdf|png|jpe?g|gif|zip|tar|gz)$/i.test(path)) return undefined;
  return { kind: 'project', url: `https://${host}${path}` };
}

/** All distinct code/project links in the given texts, in order of first appearance. */
export function extractCodeLinks(...texts: Array<string | undefined>): CodeLink[] {
  const links: CodeLink[] = [];
  for (const text of texts) {
    // Most abstracts have no link at all; skip the URL regexes for them (a bulk-import hot spot).
    if (!text || !mightHaveLink(text)) continue;
    // arXiv comments often wrap URLs across lines after a hyphen or slash; rejoin those.
    const joined = text.replace(/([/-])\s*\n\s*/g, '$1');
    for (const match of joined.matchAll(URL_IN_TEXT)) {
      const link = normaliseCodeLink(match[0]);
      if (link) links.push(link);
    }
  }
  return dedupeCodeLinks(links);
}

/** Removes duplicate URLs, keeping the first occurrence's order. */
export function dedupeCodeLinks(links: CodeLink[]): CodeLink[] {
  const seen = new Set<string>();
  return links.filter((link) => {
    const key = link.url.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
