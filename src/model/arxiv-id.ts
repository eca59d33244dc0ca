// arXiv identifier parsing: new-style (YYMM.NNNN[N]) and old-style (archive[.SUBJ]/YYMMNNN) ids,
// with optional version, from bare ids, `arXiv:` prefixes, and abs/pdf/html URLs.
// Spec: https://info.arxiv.org/help/arxiv_identifier.html

export interface ArxivIdentifier {
  /** Canonical id without version. */
  id: string;
  version?: number;
}

const NEW_STYLE = /^(\d{4}\.\d{4,5})(?:v(\d+))?$/;
const OLD_STYLE = /^([a-z-]+(?:\.[A-Za-z-]+)?\/\d{7})(?:v(\d+))?$/;

/** Parses an id or arXiv URL; returns undefined when it is not a valid arXiv identifier. */
export function parseArxivId(input: string): ArxivIdentifier | undefined {
  let s = input.trim();
  const url = /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html|api)\/(.+)$/i.exec(s);
  if (url?.[1])
    s = url[1]
      .replace(/[?#].*$/, '')
      .replace(/\.pdf$/i, '')
      .replace(/\/+$/, '');
  s = s.replace(/^arxiv:/i, '');
  const m = NEW_STYLE.exec(s) ?? OLD_STYLE.exec(s);
  if (!m?.[1]) return undefined;
  if (NEW_STYLE.test(s)) {
    const month = Number(s.slice(2, 4));
    if (month < 1 || month > 12) return undefined;
  }
  const version = m[2] ? Number(m[2]) : undefined;
  if (version !== undefined && version < 1) return undefined;
  return version === undefined ? { id: m[1] } : { id: m[1], version };
}

export function absUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

export function pdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id}`;
}
