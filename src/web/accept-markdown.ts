// Content negotiation for the paper page's Markdown form (`Accept: text/markdown`, as Hugging Face
// answers it). Used by web/routes/paper.tsx and by the render cache, which keeps the two forms apart.

/**
 * Whether an Accept header asks for Markdown over HTML: `text/markdown` with a q at least that of
 * `text/html` (browsers list text/html and never text/markdown, so they keep the page).
 */
export function prefersMarkdown(accept: string | undefined): boolean {
  if (!accept) return false;
  const quality = (type: string): number => {
    for (const part of accept.split(',')) {
      const [media, ...params] = part.trim().toLowerCase().split(';');
      if (media?.trim() !== type) continue;
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      const value = q === undefined ? 1 : Number(q);
      return Number.isFinite(value) ? value : 0;
    }
    return 0;
  };
  const markdown = quality('text/markdown');
  return markdown > 0 && markdown >= quality('text/html');
}
