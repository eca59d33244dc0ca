// Reference-manager downloads: a paper's BibTeX at /papers/:id.bib (announced by the paper page's
// <link rel="alternate" type="application/x-bibtex">), and a reading list's papers as BibTeX
// (/collections/:id/papers.bib), RIS (.ris) and CSL-JSON (.csl.json), for anyone who may see the
// list. Registered before the paper page, whose `/papers/:id{.+}` would otherwise take `….bib`.

import type { Context, Hono } from 'hono';
import type { AppContext } from '../../context.js';
import { parseArxivId } from '../../model/arxiv-id.js';
import { canViewCollection, MAX_COLLECTION_PAPERS, parseCollectionId } from '../../model/collection.js';
import type { StoredPaper } from '../../model/stored-paper.js';
import { getCollection, listCollectionPapers } from '../../store/collections.js';
import { getPaper } from '../../store/paper-reads.js';
import { renderError } from '../render.js';
import { formatBibtex, formatBibtexFile } from '../views/bibtex.js';
import { formatCslJson } from '../views/csl-json.js';
import { paperPath } from '../views/paper-card.js';
import { formatRisFile } from '../views/ris.js';

interface ExportFormat {
  extension: string;
  contentType: string;
  format: (papers: StoredPaper[]) => string;
}

/** A reading list's exports, by extension; each content type is the one its readers register for. */
export const COLLECTION_EXPORTS: ExportFormat[] = [
  { extension: 'bib', contentType: 'application/x-bibtex; charset=utf-8', format: formatBibtexFile },
  {
    extension: 'ris',
    contentType: 'application/x-research-info-systems; charset=utf-8',
    format: formatRisFile,
  },
  {
    extension: 'csl.json',
    contentType: 'application/vnd.citationstyles.csl+json; charset=utf-8',
    format: formatCslJson,
  },
];

const shorten = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

async function paperBibtex(c: Context, ctx: AppContext): Promise<Response> {
  const requested = c.req.param('id')?.replace(/\.bib$/, '') ?? '';
  const parsed = parseArxivId(requested);
  if (!parsed) {
    return renderError(
      c,
      ctx,
      404,
      `“${shorten(requested)}” is not an arXiv identifier, so there is no BibTeX for it.`,
    );
  }
  if (parsed.id !== requested) return c.redirect(`${paperPath(parsed.id)}.bib`, 301);
  const paper = await getPaper(ctx.database.db, parsed.id);
  if (!paper) return renderError(c, ctx, 404, `arXiv:${parsed.id} is not on ${ctx.config.siteName} (yet).`);
  c.header('Content-Type', 'application/x-bibtex; charset=utf-8');
  c.header('Content-Disposition', `inline; filename="${parsed.id.replace('/', '-')}.bib"`);
  return c.body(`${formatBibtex(paper)}\n`);
}

export function registerCitationExportRoutes(app: Hono, ctx: AppContext): void {
  app.get('/papers/:id{.+\\.bib}', (c) => paperBibtex(c, ctx));

  for (const { extension, contentType, format } of COLLECTION_EXPORTS) {
    app.get(`/collections/:id/papers.${extension}`, async (c) => {
      const id = parseCollectionId(c.req.param('id'));
      const collection = id === undefined ? undefined : await getCollection(ctx.database.db, id);
      if (!collection || !canViewCollection(c.get('viewer'), collection)) {
        return renderError(c, ctx, 404, 'There is no such reading list (or it is private).');
      }
      const entries = await listCollectionPapers(ctx.database.db, collection.id, MAX_COLLECTION_PAPERS);
      c.header('Content-Type', contentType);
      c.header('Content-Disposition', `attachment; filename="reading-list-${collection.id}.${extension}"`);
      if (!collection.isPublic) c.header('Cache-Control', 'private, no-store');
      return c.body(format(entries.map((entry) => entry.paper)));
    });
  }
}
