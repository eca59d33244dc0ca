// Parses search-box text into a ParsedQuery (AST + global filters + chips) by recursive descent.
// Called by the web and API search routes; a QueryError is the user's mistake (a 400), never a 500.
//
// Grammar (OR binds looser than the implicit AND; stray `)` are skipped, open `(` close at the end):
//   query   := or ( ')' or )*
//   or      := and ( 'OR' and )*
//   and     := ( unary | 'AND' )*
//   unary   := ( '-' | 'NOT' ) unary | field unary | primary
//   primary := word | word* | "phrase" | "phrase"* | filter | '(' or [ ')' ]
//   field   := ti: | au: | abs: (also title: author: abstract:)
//   filter  := year: | before: | after: | has: | cat: — lifted out of the tree and AND-ed globally
import {
  andNode,
  assertSearchable,
  countWords,
  type Field,
  leafNode,
  nodeDepth,
  notNode,
  orNode,
  type ParsedQuery,
  QueryError,
  type QueryFilters,
  type QueryNode,
  serializeQuery,
} from './query-ast.js';
import { buildChips } from './query-chips.js';
import { addFilter } from './query-filters.js';
import { lexQuery, type Token } from './query-lexer.js';
import { tokenizeWords } from './query-tokenize.js';

export { QueryError } from './query-ast.js';

export const MAX_QUERY_LENGTH = 4000;
export const MAX_QUERY_WORDS = 512;
/** Parentheses plus negations; well under the ~35 levels where FTS5's parser overflows. */
export const MAX_QUERY_DEPTH = 16;

export function parseQuery(input: string): ParsedQuery {
  if (input.length > MAX_QUERY_LENGTH) throw tooLong(input.length, '');
  const parser = new Parser(lexQuery(input));
  const root = parser.parseAll();
  checkLimits(root, parser.filters);
  return { ...(root ? { root } : {}), filters: parser.filters, chips: buildChips(root, parser.filters) };
}

function checkLimits(root: QueryNode | undefined, filters: QueryFilters): void {
  const words = (root ? countWords(root) : 0) + (filters.categories?.length ?? 0);
  if (words > MAX_QUERY_WORDS) {
    throw new QueryError(`The query has too many words (${words}); the limit is ${MAX_QUERY_WORDS}.`);
  }
  if (root && nodeDepth(root) > MAX_QUERY_DEPTH) throw tooDeep();
  if (root) assertSearchable(root);
  // Folding and quoting can lengthen a query (`ǅ` → `dž`, `a-b` → `"a b"`); its canonical text must
  // stay within the limit too, or the links built from it (chips) would be refused.
  const canonicalLength = serializeQuery({ root, filters }).length;
  if (canonicalLength > MAX_QUERY_LENGTH) throw tooLong(canonicalLength, ' once normalised');
}

function tooLong(length: number, when: string): QueryError {
  return new QueryError(
    `The query is too long${when} (${length} characters); the limit is ${MAX_QUERY_LENGTH}.`,
  );
}

function tooDeep(): QueryError {
  return new QueryError(
    `The query nests parentheses and exclusions too deeply; the limit is ${MAX_QUERY_DEPTH} levels.`,
  );
}

/** Applies a field prefix to every term below it; a field written closer to the term wins. */
function applyField(node: QueryNode | undefined, field: Field): QueryNode | undefined {
  if (!node) return undefined;
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return node.field ? node : { ...node, field };
    case 'not':
      return notNode(applyField(node.child, field));
    case 'and':
      return andNode(node.children.map((child) => applyField(child, field)));
    case 'or':
      return orNode(node.children.map((child) => applyField(child, field)));
  }
}

class Parser {
  readonly filters: QueryFilters = {};
  private pos = 0;
  private depth = 0;
  /** Open groups that are negated: a filter there would be ambiguous, so it is refused. */
  private negatedGroups = 0;

  constructor(private readonly tokens: Token[]) {}

  parseAll(): QueryNode | undefined {
    const parts: Array<QueryNode | undefined> = [];
    while (this.peek()) {
      parts.push(this.parseOr());
      if (this.peek()?.type === 'rparen') this.pos++;
    }
    return andNode(parts);
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private parseOr(): QueryNode | undefined {
    const alternatives = [this.parseAnd()];
    while (this.peek()?.type === 'or') {
      this.pos++;
      alternatives.push(this.parseAnd());
    }
    return orNode(alternatives);
  }

  private parseAnd(): QueryNode | undefined {
    const parts: Array<QueryNode | undefined> = [];
    for (let token = this.peek(); token; token = this.peek()) {
      if (token.type === 'or' || token.type === 'rparen') break;
      parts.push(this.parseUnary(false));
    }
    return andNode(parts);
  }

  /** Consumes at least one token unless at OR, `)` or the end, so parseAnd always progresses. */
  private parseUnary(isNegated: boolean): QueryNode | undefined {
    const token = this.peek();
    if (!token || token.type === 'or' || token.type === 'rparen') return undefined;
    this.pos++;
    switch (token.type) {
      case 'not':
        return notNode(this.parseUnary(!isNegated));
      case 'field':
        return applyField(this.parseUnary(isNegated), token.field);
      case 'and':
        return undefined;
      case 'lparen':
        return this.parseGroup(isNegated);
      case 'filter':
        if (this.negatedGroups > 0) throw filterInNegatedGroup(token.key);
        addFilter(this.filters, token.key, token.value, isNegated);
        return undefined;
      case 'word':
        return wordNode(token.raw);
      case 'phrase':
        return leafNode(tokenizeWords(token.raw), token.isPrefix);
    }
  }

  private parseGroup(isNegated: boolean): QueryNode | undefined {
    if (++this.depth > MAX_QUERY_DEPTH) throw tooDeep();
    if (isNegated) this.negatedGroups++;
    const inner = this.parseOr();
    if (this.peek()?.type === 'rparen') this.pos++;
    if (isNegated) this.negatedGroups--;
    this.depth--;
    return inner;
  }
}

function filterInNegatedGroup(key: string): QueryError {
  return new QueryError(`${key}: applies to the whole query, so it can't sit inside -( ); move it outside.`);
}

/** `transform*` is a prefix search; a word the tokenizer splits (`self-attention`) is a phrase. */
function wordNode(raw: string): QueryNode | undefined {
  const isPrefix = raw.endsWith('*');
  return leafNode(tokenizeWords(isPrefix ? raw.replace(/\*+$/, '') : raw), isPrefix);
}
