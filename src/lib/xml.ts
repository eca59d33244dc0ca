// Escaping for XML 1.0 documents built as strings (the RSS and Atom writers in api/feeds/). Text
// that XML cannot carry at all (C0 controls other than tab, newline and CR; lone surrogates;
// U+FFFE/U+FFFF) is dropped, so stored data with such a character still gives a well-formed feed.

// Everything outside XML 1.0's Char production: https://www.w3.org/TR/xml/#charsets
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ATTR_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': '&quot;' };

/** Character data: `&`, `<` and `>` as entities (`>` for `]]>`), once. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/[&<>]/g, (ch) => TEXT_ESCAPES[ch] as string);
}

/** A double-quoted attribute value. */
export function xmlAttr(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/[&<>"]/g, (ch) => ATTR_ESCAPES[ch] as string);
}

const HEX_ESCAPES: Record<string, string> = { '&': '&#x26;', '<': '&#x3C;', '>': '&#x3E;' };

/**
 * Plain text in RSS 2.0 (titles, names), as the RSS Best Practices Profile asks: `&`, `<` and `>` as
 * hexadecimal character references, the form aggregators least often take for markup
 * (https://www.rssboard.org/rss-profile#data-types-characterdata). Parsed as XML, it is the text.
 */
export function rssPlainText(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/[&<>]/g, (ch) => HEX_ESCAPES[ch] as string);
}
