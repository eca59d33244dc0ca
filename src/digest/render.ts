// The render step: a digest as HTML with inline styles (readable where clients strip <style>; a
// prefers-color-scheme block darkens it where they keep it) and a plain-text alternative, with
// formulas as Unicode text. One renderer per run keeps each paper's block already encoded as UTF-8
// bytes, which every subscriber's copy shares; a digest is assembled from byte chunks (encoding
// 27 kB of text per message cost more than composing it).

import { escapeHtml } from '../lib/html.js';
import type { DigestFrequency } from '../model/digest-schedule.js';
import type { PaperView } from '../store/paper-reads.js';
import type { DigestContent, DigestItem } from './compose.js';
import { latexToText, nameToText } from './tex-to-text.js';

export interface DigestSite {
  name: string;
  baseUrl: string;
}

export interface DigestEnvelope {
  frequency: DigestFrequency;
  /** The digest's day (the subscriber's local date), YYYY-MM-DD. */
  date: string;
  windowFrom: string;
  preferencesUrl: string;
  unsubscribeUrl: string;
}

/** Text, or bytes already encoded as UTF-8. */
export type Chunk = string | Buffer;

export function chunksToBuffer(chunks: readonly Chunk[]): Buffer {
  return Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c)));
}

export class RenderedDigest {
  constructor(
    readonly subject: string,
    readonly htmlChunks: readonly Chunk[],
    readonly textChunks: readonly Chunk[],
  ) {}

  get html(): string {
    return chunksToBuffer(this.htmlChunks).toString('utf8');
  }

  get text(): string {
    return chunksToBuffer(this.textChunks).toString('utf8');
  }
}

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const ABSTRACT_CHARS = 320;
const AUTHORS_SHOWN = 3;

// Lines end with CRLF, as SMTP wants them (no conversion pass per message), and stay short enough to
// send as 8-bit (RFC 5321's 998 bytes).
// Dark overrides for clients that keep <style>; class names carry them, inline styles stay light.
const DARK_STYLE = `
  :root { color-scheme: light dark; supported-color-schemes: light dark; }
  @media (prefers-color-scheme: dark) {
    .pb-bg { background: #0b0d12 !important; }
    .pb-card { background: #151922 !important; border-color: #2a303c !important; }
    .pb-rule { border-color: #2a303c !important; }
    .pb-title { color: #93c5fd !important; }
    .pb-text { color: #e5e7eb !important; }
    .pb-muted { color: #9ca3af !important; }
    .pb-accent { color: #fbbf24 !important; }
    .pb-link { color: #93c5fd !important; }
  }`.replace(/\n/g, '\r\n');

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max + 1);
  const space = head.search(/\s\S*$/);
  return `${(space > 40 ? head.slice(0, space) : head.slice(0, max)).replace(/[\s,;:.–—-]+$/, '')}…`;
}

function authorLine(paper: PaperView): string {
  const names = paper.authors.slice(0, AUTHORS_SHOWN).map((a) => nameToText(a.name));
  const more = paper.authors.length - names.length;
  return more > 0 ? `${names.join(', ')} et al. (${paper.authors.length} authors)` : names.join(', ');
}

// toLocaleDateString builds a formatter per call (~0.2 ms); a run formats the same few days 100k times.
const DATE_FORMATS = {
  long: new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }),
  weekday: new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' }),
  short: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }),
};

const formattedDays = new Map<string, string>();

function formatDay(date: string, format: keyof typeof DATE_FORMATS): string {
  const key = `${format}:${date}`;
  let text = formattedDays.get(key);
  if (text === undefined) {
    text = DATE_FORMATS[format].format(new Date(`${date}T12:00:00Z`));
    if (formattedDays.size > 1000) formattedDays.clear();
    formattedDays.set(key, text);
  }
  return text;
}

const longDate = (date: string) => formatDay(date, 'long');
const weekday = (date: string) => formatDay(date, 'weekday');
const shortDate = (date: string) => formatDay(date, 'short');

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

interface PaperBlock {
  title: string;
  /** The paper's HTML, without the per-subscriber "Matches" line. */
  html: Buffer;
  /** Its plain-text lines after the numbered title line. */
  textRest: Buffer;
}

const e = escapeHtml;
/** Every text cell sets the font family once; inner elements inherit it. */
const CELL = `font-family:${FONT};`;
const ITEM_OPEN = Buffer.from(
  `<tr><td class="pb-rule" style="${CELL}padding:16px 28px;border-top:1px solid #eef0f3;">\r\n`,
);
const ITEM_CLOSE = Buffer.from('</td></tr>\r\n');

/** The section of papers picked by the reader's own "For you" model, marked as such. */
export const RECOMMENDED_HEADING = 'Recommended for you';
const RECOMMENDED_NOTE =
  'Recommended for you from your lists, upvotes, follows and feedback; only you see these.';

export class DigestRenderer {
  private readonly blocks = new Map<number, PaperBlock>();

  constructor(private readonly site: DigestSite) {}

  private block(paper: PaperView): PaperBlock {
    const cached = this.blocks.get(paper.id);
    if (cached) return cached;
    const url = `${this.site.baseUrl}/papers/${paper.arxivId}`;
    const title = latexToText(paper.title);
    const abstract = cut(latexToText(paper.abstract), ABSTRACT_CHARS);
    const authors = authorLine(paper);
    const categories = [paper.primaryCategory, ...paper.categories.filter((c) => c !== paper.primaryCategory)]
      .filter((c): c is string => Boolean(c))
      .slice(0, 3)
      .join(', ');
    const code = paper.codeLinks.find((l) => l.kind !== 'project') ?? paper.codeLinks[0];
    const stats = [
      `▲ ${paper.upvotes}`,
      paper.numComments > 0 ? plural(paper.numComments, 'comment', 'comments') : undefined,
      categories || undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    const links = [
      { label: 'PDF', href: `https://arxiv.org/pdf/${paper.arxivId}` },
      ...(code ? [{ label: code.kind === 'project' ? 'Project page' : 'Code', href: code.url }] : []),
    ];
    const linkHtml = links
      .map(
        (l) =>
          // Underlined: in grey text a link must not differ by colour alone (WCAG 1.4.1).
          ` · <a href="${e(l.href)}" class="pb-link" style="color:#1d4ed8;text-decoration:underline;">${e(l.label)}</a>`,
      )
      .join('');
    const textLines = [
      `   ${authors}`,
      `   ${stats}`,
      `   ${abstract}`,
      `   ${url}`,
      ...(code ? [`   ${code.kind === 'project' ? 'Project page' : 'Code'}: ${code.url}`] : []),
    ];
    const rendered: PaperBlock = {
      title,
      html: Buffer.from(
        `<a href="${e(url)}" class="pb-title" style="font-size:17px;line-height:1.35;font-weight:600;color:#1d4ed8;text-decoration:none;">${e(title)}</a>\r\n` +
          `<div class="pb-muted" style="font-size:14px;line-height:1.5;color:#6b7280;margin-top:3px;">${e(authors)}</div>\r\n` +
          `<div class="pb-text" style="font-size:15px;line-height:1.55;color:#374151;margin-top:6px;">${e(abstract)}</div>\r\n` +
          `<div class="pb-muted" style="font-size:13px;line-height:1.5;color:#6b7280;margin-top:6px;">${e(stats)}${linkHtml}</div>\r\n`,
      ),
      textRest: Buffer.from(`${textLines.join('\r\n')}\r\n`),
    };
    this.blocks.set(paper.id, rendered);
    return rendered;
  }

  private itemHtml(item: DigestItem, out: Chunk[]): void {
    out.push(ITEM_OPEN, this.block(item.paper).html);
    if (item.matchedTopics.length > 0) {
      out.push(
        `<div class="pb-accent" style="font-size:12px;line-height:1.5;font-weight:600;color:#b45309;margin-top:4px;">Matches ${e(item.matchedTopics.join(' · '))}</div>\r\n`,
      );
    }
    for (const reason of item.reasons ?? []) {
      out.push(
        `<div class="pb-accent" style="font-size:12px;line-height:1.5;font-weight:600;color:#b45309;margin-top:4px;">${e(reason)}</div>\r\n`,
      );
    }
    out.push(ITEM_CLOSE);
  }

  private itemText(item: DigestItem, n: number, out: Chunk[]): void {
    const block = this.block(item.paper);
    out.push(`${n}. ${block.title}\r\n`, block.textRest);
    if (item.matchedTopics.length > 0) out.push(`   Matches ${item.matchedTopics.join(' · ')}\r\n`);
    for (const reason of item.reasons ?? []) out.push(`   ${reason}\r\n`);
    out.push('\r\n');
  }

  private sectionHtml(heading: string, items: DigestItem[], out: Chunk[]): void {
    if (items.length === 0) return;
    out.push(
      `<tr><td style="${CELL}padding:18px 28px 6px;"><h2 class="pb-text" style="margin:0;font-size:13px;line-height:1.4;font-weight:700;letter-spacing:.06em;text-transform:uppercase;color:#111827;">${e(heading)}</h2></td></tr>\r\n`,
    );
    for (const item of items) this.itemHtml(item, out);
  }

  render(content: DigestContent, envelope: DigestEnvelope): RenderedDigest {
    const { name, baseUrl } = this.site;
    const kind = envelope.frequency === 'daily' ? 'Daily digest' : 'Weekly digest';
    const recommended = content.recommended ?? [];
    const counts = [
      content.topical.length > 0 ? `${content.topical.length} on your topics` : undefined,
      content.trending.length > 0 ? `${content.trending.length} trending` : undefined,
      recommended.length > 0 ? `${recommended.length} recommended for you` : undefined,
    ].filter(Boolean);
    const subject = `${name} ${kind.toLowerCase()}: ${counts.join(', ')} (${shortDate(envelope.date)})`;
    const since =
      envelope.frequency === 'weekly' ? 'this past week' : `since ${weekday(envelope.windowFrom)}`;
    const topical = plural(content.topical.length, 'new paper', 'new papers');
    const trending = plural(content.trending.length, 'paper', 'papers');
    const summary =
      content.topical.length === 0
        ? `The ${trending} most trending on ${name} ${since}.`
        : content.trending.length === 0
          ? `${topical} on your topics ${since}.`
          : `${topical} on your topics and ${content.trending.length} trending on ${name} ${since}.`;
    const first = content.topical[0] ?? content.trending[0] ?? recommended[0];
    const preheader = first ? this.block(first.paper).title : summary;
    const trendingHeading = content.topical.length > 0 ? 'Also trending' : 'Trending';
    const link = (href: string, label: string) =>
      `<a href="${e(href)}" class="pb-link" style="color:#1d4ed8;">${e(label)}</a>`;

    const html: Chunk[] = [
      '<!doctype html>\r\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">\r\n' +
        '<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">\r\n' +
        `<title>${e(subject)}</title><style>${DARK_STYLE}</style></head>\r\n` +
        '<body style="margin:0;padding:0;background:#f3f4f6;">\r\n' +
        `<div style="display:none;max-height:0;overflow:hidden;opacity:0;">${e(preheader)}</div>\r\n` +
        // A main landmark for screen readers (the layout tables are presentation only); a div with
        // a role, which email clients keep where some drop <main>.
        '<div role="main">\r\n' +
        '<table role="presentation" class="pb-bg" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:24px 12px;">\r\n' +
        '<table role="presentation" class="pb-card" width="100%" cellpadding="0" cellspacing="0" style="max-width:640px;background:#ffffff;border:1px solid #e5e7eb;border-radius:12px;">\r\n' +
        `<tr><td style="${CELL}padding:26px 28px 10px;">\r\n` +
        `<div class="pb-accent" style="font-size:12px;line-height:1.4;font-weight:700;letter-spacing:.08em;text-transform:uppercase;color:#b45309;">${e(`${name} · ${kind}`)}</div>\r\n` +
        `<h1 class="pb-text" style="margin:6px 0 0;font-size:24px;line-height:1.3;font-weight:700;color:#111827;">${e(longDate(envelope.date))}</h1>\r\n` +
        `<p class="pb-muted" style="margin:6px 0 0;font-size:15px;line-height:1.5;color:#4b5563;">${e(summary)}</p>\r\n</td></tr>\r\n`,
    ];
    this.sectionHtml('On your topics', content.topical, html);
    this.sectionHtml(trendingHeading, content.trending, html);
    this.sectionHtml(RECOMMENDED_HEADING, recommended, html);
    if (recommended.length > 0) {
      html.push(
        `<tr><td style="${CELL}padding:0 28px 10px;"><p class="pb-muted" style="margin:0;font-size:13px;line-height:1.5;color:#6b7280;">${e(RECOMMENDED_NOTE)} ${link(`${baseUrl}/account/recommendations`, 'Your recommendation data')}</p></td></tr>\r\n`,
      );
    }
    html.push(
      `<tr><td class="pb-rule" style="${CELL}padding:20px 28px 26px;border-top:1px solid #eef0f3;font-size:13px;line-height:1.6;color:#6b7280;">\r\n` +
        `<span class="pb-muted">You get this ${envelope.frequency} digest because you subscribed at ${link(baseUrl, name)}.\r\n` +
        `${link(envelope.preferencesUrl, 'Change topics or schedule')} · ${link(envelope.unsubscribeUrl, 'Unsubscribe')}</span>\r\n` +
        '</td></tr>\r\n</table></td></tr></table>\r\n</div>\r\n</body></html>\r\n',
    );

    const text: Chunk[] = [`${name} · ${kind} · ${longDate(envelope.date)}\r\n${summary}\r\n\r\n`];
    let n = 0;
    for (const [heading, items] of [
      ['On your topics', content.topical],
      [trendingHeading, content.trending],
      [RECOMMENDED_HEADING, recommended],
    ] as const) {
      if (items.length === 0) continue;
      text.push(`${heading.toUpperCase()}\r\n\r\n`);
      for (const item of items) this.itemText(item, ++n, text);
      if (heading === RECOMMENDED_HEADING)
        text.push(`${RECOMMENDED_NOTE} ${baseUrl}/account/recommendations\r\n\r\n`);
    }
    text.push(
      `--\r\nYou get this ${envelope.frequency} digest because you subscribed at ${baseUrl}\r\n` +
        `Change topics or schedule: ${envelope.preferencesUrl}\r\nUnsubscribe: ${envelope.unsubscribeUrl}\r\n`,
    );
    return new RenderedDigest(subject, html, text);
  }
}
