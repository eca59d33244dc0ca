// Small helpers shared by the pure XML parsers in src/sources (arxiv-atom.ts, oai-pmh.ts): a strict
// well-formedness check plus fast-xml-parser setup, reading text out of parsed nodes, whitespace
// collapsing, and date normalisation to one ISO-8601 UTC form.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SourceFormatError } from '../model/paper.js';
import { collapseWhitespace } from './text-util.js';

/** An element as fast-xml-parser returns it: child elements by local name, `@_attr`, `#text`. */
export type XmlObject = { [name: string]: unknown };

// One configuration for every arXiv document:
// - removeNSPrefix: arXiv declares namespaces per element in the legacy API (`<arxiv:doi
//   xmlns:arxiv=...>`) and on the root in the current one; local names are unique in both formats.
// - parseTagValue false: ids like `0704.0010` and a title of `0` must stay strings.
const OPTIONS = {
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
} as const;
const parser = new XMLParser(OPTIONS);
// Numeric character references (`&#233;`), which XML 1.0 requires parsers to decode
// (https://www.w3.org/TR/xml/#sec-references), are only decoded with `htmlEntities` in v5 (it also
// tolerates HTML names such as &nbsp;). That makes parsing ~4x slower, and arXiv rarely sends them,
// so this parser is used only when the text contains `&#`.
const parserWithCharRefs = new XMLParser({ ...OPTIONS, htmlEntities: true });

/**
 * Checks that `xml` is well-formed and parses it. `what` names the input in error messages.
 * Throws SourceFormatError for empty input, non-XML text (HTML error pages, JSON) or truncation.
 */
export function parseXml(xml: string, what: string): XmlObject {
  const text = typeof xml === 'string' ? xml.replace(/^\uFEFF/, '') : '';
  if (text.trim() === '') throw new SourceFormatError(`${what}: empty input`);
  const check = XMLValidator.validate(text);
  if (check !== true) {
    throw new SourceFormatError(`${what}: not well-formed XML (line ${check.err.line}: ${check.err.msg})`);
  }
  try {
    return (text.includes('&#') ? parserWithCharRefs : parser).parse(text) as XmlObject;
  } catch (error) {
    throw new SourceFormatError(`${what}: ${(error as Error).message}`);
  }
}

/** The local name of the document element (namespace prefix removed). */
export function rootName(doc: XmlObject): string | undefined {
  return Object.keys(doc)[0];
}

export function isXmlObject(value: unknown): value is XmlObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** fast-xml-parser gives one child as a value and several as an array; this always gives an array. */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The first child element named `name`, if any. */
export function child(node: unknown, name: string): unknown {
  if (!isXmlObject(node)) return undefined;
  const value = node[name];
  return Array.isArray(value) ? value[0] : value;
}

/** All child elements named `name`, in document order. */
export function children(node: unknown, name: string): unknown[] {
  return isXmlObject(node) ? asArray(node[name]) : [];
}

export function attrOf(node: unknown, name: string): string | undefined {
  if (!isXmlObject(node)) return undefined;
  const value = node[`@_${name}`];
  return typeof value === 'string' ? value : undefined;
}

/** The raw text content of an element (`''` for an empty one, undefined when it is missing). */
export function textOf(node: unknown): string | undefined {
  if (Array.isArray(node)) return textOf(node[0]);
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (isXmlObject(node)) {
    const text = node['#text'];
    return text === undefined ? '' : String(text);
  }
  return undefined;
}

/** Collapsed text of an element, or undefined when it is missing or blank. */
export function cleanText(node: unknown): string | undefined {
  const text = textOf(node);
  if (text === undefined) return undefined;
  const collapsed = collapseWhitespace(text);
  return collapsed === '' ? undefined : collapsed;
}

/** A non-negative integer from text or an attribute, else undefined. */
export function toInteger(text: string | undefined): number | undefined {
  const trimmed = text?.trim();
  return trimmed && /^\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}

/**
 * arXiv's doi field may hold several DOIs (an article plus its errata) separated by spaces, commas
 * or semicolons; PaperRecord.doi is one DOI, so the first (the article's own) is kept.
 * A `https://doi.org/` or `http://dx.doi.org/` prefix (Atom `<link title="doi">`) is removed.
 */
export function firstDoi(text: string | undefined): string | undefined {
  const first = text?.trim().split(/[\s,;]+/)[0];
  const doi = first?.replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '');
  return doi ? doi : undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// ISO-8601 as arXiv writes it: a date, optionally a time, optionally a zone (none means UTC).
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
// RFC 2822 section 3.3 as OAI arXivRaw writes version dates: `Fri, 8 Feb 2013 21:00:01 GMT`.
const RFC_2822 =
  /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC?|Z|[+-]\d{4})?$/;

/**
 * Normalises an ISO-8601 or RFC 2822 date to `Date.toISOString()` form (`2013-02-08T21:00:01.000Z`),
 * the form every source parser emits so the store compares like with like. A bare date (OAI `arXiv`
 * format `<created>`) becomes midnight UTC. Undefined when it is not a real date.
 */
export function toIsoDate(text: string | undefined): string | undefined {
  const s = text?.trim();
  if (!s) return undefined;
  const iso = ISO_DATE.exec(s);
  if (iso) return buildUtc(iso[1], iso[2], iso[3], iso[4], iso[5], iso[6], iso[7]);
  const rfc = RFC_2822.exec(s);
  if (rfc) {
    const month = MONTHS.indexOf((rfc[2] ?? '').toLowerCase()) + 1;
    if (month === 0) return undefined;
    return buildUtc(rfc[3], String(month), rfc[1], rfc[4], rfc[5], rfc[6], rfc[7]);
  }
  return undefined;
}

function buildUtc(
  year = '',
  month = '',
  day = '',
  hour = '0',
  minute = '0',
  second = '0',
  zone = 'Z',
): string | undefined {
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Date.UTC rolls 30 Feb over into March; rejecting out-of-range fields keeps bad data visible.
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(local).getUTCDate() !== d) return undefined;
  return new Date(local - zoneOffsetMs(zone)).toISOString();
}

function zoneOffsetMs(zone: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return 0; // Z, GMT, UT, UTC
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return (m[1] === '-' ? -1 : 1) * minutes * 60_000;
}
