// Parses what the feed endpoints serve back into plain objects, for assertions on RSS, Atom and
// JSON Feed output (daily and search feeds alike).
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

// biome-ignore lint/suspicious/noExplicitAny: parsed XML is untyped by nature
export type Xml = any;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  cdataPropName: '__cdata',
  // Numeric character references (`&#x26;`, as RSS plain text uses) are XML; the option decodes them.
  htmlEntities: true,
  // Atom has several <link>s per element; RSS has one plain <link>.
  isArray: (name, jpath) =>
    name === 'link'
      ? String(jpath).startsWith('feed')
      : ['item', 'entry', 'author', 'category', 'atom:link'].includes(name),
});

/** Validates, then parses a feed document. */
export function parseFeedXml(xml: string): Xml {
  assert.equal(XMLValidator.validate(xml), true);
  return parser.parse(xml);
}

/** The JSON Feed 1.1 fields the tests read. */
export interface JsonFeed {
  version: string;
  title: string;
  home_page_url: string;
  feed_url: string;
  items: Array<{
    id: string;
    url: string;
    external_url: string;
    title: string;
    content_html: string;
    content_text: string;
    date_published: string;
    authors: Array<{ name: string }>;
    tags: string[];
  }>;
}
