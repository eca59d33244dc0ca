// Renders a digest as an email: HTML with inline styles (readable where clients strip <style>; a
// prefers-color-scheme block darkens it where they keep it) and a plain-text alternative, with
// formulas as Unicode text. One renderer per run caches each paper's block, which every
// subscriber's copy shares; only the "matched your topics" line is per subscriber.

import { html, raw } from 'hono/html';
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

export interface RenderedDigest {
  subject: string;
  html: string;
  text: string;
}

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const ABSTRACT_CHARS = 320;
const AUTHORS_SHOWN = 3;

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
  }`;

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

function longDate(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function weekday(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
}

function shortDate(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

interface PaperBlock {
  url: string;
  title: string;
  /** HTML of the paper without the per-subscriber line, and its plain-text lines. */
  html: string;
  text: string;
}

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
    ].filter(Boolean);
    const links = [
      { label: 'PDF', href: `https://arxiv.org/pdf/${paper.arxivId}` },
      ...(code ? [{ label: code.kind === 'project' ? 'Project page' : 'Code', href: code.url }] : []),
    ];
    const rendered: PaperBlock = {
      url,
      title,
      html: html`<a href="${url}" class="pb-title" style="font:600 17px/1.35 ${raw(FONT)};color:#1d4ed8;text-decoration:none;">${title}</a>
<div class="pb-muted" style="font:14px/1.5 ${raw(FONT)};color:#6b7280;margin-top:3px;">${authors}</div>
<div class="pb-text" style="font:15px/1.55 ${raw(FONT)};color:#374151;margin-top:6px;">${abstract}</div>
<div class="pb-muted" style="font:13px/1.5 ${raw(FONT)};color:#6b7280;margin-top:6px;">${stats.join(' · ')}${links.map(
        (l) =>
          html` · <a href="${l.href}" class="pb-link" style="color:#1d4ed8;text-decoration:none;">${l.label}</a>`,
      )}</div>`.toString(),
      text: [
        title,
        `   ${authors}`,
        `   ${stats.join(' · ')}`,
        `   ${abstract}`,
        `   ${url}`,
        ...(code ? [`   ${code.kind === 'project' ? 'Project page' : 'Code'}: ${code.url}`] : []),
      ].join('\n'),
    };
    this.blocks.set(paper.id, rendered);
    return rendered;
  }

  private itemHtml(item: DigestItem): string {
    const block = this.block(item.paper);
    const matched =
      item.matchedTopics.length > 0
        ? html`<div class="pb-accent" style="font:600 12px/1.5 ${raw(FONT)};color:#b45309;margin-top:4px;">Matches ${item.matchedTopics.join(' · ')}</div>`.toString()
        : '';
    return `<tr><td class="pb-rule" style="padding:16px 28px;border-top:1px solid #eef0f3;">${block.html}${matched}</td></tr>`;
  }

  private itemText(item: DigestItem, n: number): string {
    const lines = this.block(item.paper).text.split('\n');
    const matched = item.matchedTopics.length > 0 ? [`   Matches ${item.matchedTopics.join(' · ')}`] : [];
    return [`${n}. ${lines[0]}`, ...lines.slice(1), ...matched].join('\n');
  }

  private sectionHtml(heading: string, items: DigestItem[]): string {
    if (items.length === 0) return '';
    return `<tr><td style="padding:18px 28px 6px;"><h2 class="pb-text" style="margin:0;font:700 13px/1.4 ${FONT};letter-spacing:.06em;text-transform:uppercase;color:#111827;">${heading}</h2></td></tr>${items.map((i) => this.itemHtml(i)).join('')}`;
  }

  render(content: DigestContent, envelope: DigestEnvelope): RenderedDigest {
    const { name, baseUrl } = this.site;
    const kind = envelope.frequency === 'daily' ? 'Daily digest' : 'Weekly digest';
    const counts = [
      content.topical.length > 0 ? `${content.topical.length} on your topics` : undefined,
      content.trending.length > 0 ? `${content.trending.length} trending` : undefined,
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
    const first = content.topical[0] ?? content.trending[0];
    const preheader = first ? this.block(first.paper).title : summary;

    const body = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">
<title>${subject}</title><style>${raw(DARK_STYLE)}</style></head>
<body style="margin:0;padding:0;background:#f3f4f6;">
<div style="display:none;max-height:0;overflow:hidden;opacity:0;">${preheader}</div>
<table role="presentation" class="pb-bg" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" class="pb-card" width="100%" cellpadding="0" cellspacing="0" style="max-width:640px;background:#ffffff;border:1px solid #e5e7eb;border-radius:12px;">
<tr><td style="padding:26px 28px 10px;">
<div class="pb-accent" style="font:700 12px/1.4 ${raw(FONT)};letter-spacing:.08em;text-transform:uppercase;color:#b45309;">${name} · ${kind}</div>
<h1 class="pb-text" style="margin:6px 0 0;font:700 24px/1.3 ${raw(FONT)};color:#111827;">${longDate(envelope.date)}</h1>
<p class="pb-muted" style="margin:6px 0 0;font:15px/1.5 ${raw(FONT)};color:#4b5563;">${summary}</p>
</td></tr>
${raw(this.sectionHtml('On your topics', content.topical))}
${raw(this.sectionHtml(content.topical.length > 0 ? 'Also trending' : 'Trending', content.trending))}
<tr><td class="pb-rule" style="padding:20px 28px 26px;border-top:1px solid #eef0f3;font:13px/1.6 ${raw(FONT)};color:#6b7280;">
<span class="pb-muted">You get this ${envelope.frequency} digest because you subscribed at <a href="${baseUrl}" class="pb-link" style="color:#1d4ed8;">${name}</a>.
<a href="${envelope.preferencesUrl}" class="pb-link" style="color:#1d4ed8;">Change topics or schedule</a> · <a href="${envelope.unsubscribeUrl}" class="pb-link" style="color:#1d4ed8;">Unsubscribe</a></span>
</td></tr>
</table></td></tr></table>
</body></html>`.toString();

    let n = 0;
    const section = (heading: string, items: DigestItem[]) =>
      items.length === 0
        ? []
        : [heading.toUpperCase(), '', ...items.map((i) => `${this.itemText(i, ++n)}\n`)];
    const text = [
      `${name} · ${kind} · ${longDate(envelope.date)}`,
      summary,
      '',
      ...section('On your topics', content.topical),
      ...section(content.topical.length > 0 ? 'Also trending' : 'Trending', content.trending),
      '--',
      `You get this ${envelope.frequency} digest because you subscribed at ${baseUrl}`,
      `Change topics or schedule: ${envelope.preferencesUrl}`,
      `Unsubscribe: ${envelope.unsubscribeUrl}`,
      '',
    ].join('\n');
    return { subject, html: body, text };
  }
}
