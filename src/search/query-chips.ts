// Removable chips for the results page: one per filter and per field-restricted term, each with
// the canonical query that drops it. Called by query-parser.ts when it builds a ParsedQuery.
import {
  andNode,
  type Field,
  isLeaf,
  type LeafNode,
  notNode,
  orNode,
  type QueryChip,
  type QueryFilters,
  type QueryNode,
  serializeNode,
  serializeQuery,
} from './query-ast.js';

const FIELD_LABEL: Record<Field, string> = {
  title: 'Title',
  authors: 'Author',
  abstract: 'Abstract',
};

export function buildChips(root: QueryNode | undefined, filters: QueryFilters): QueryChip[] {
  const chips: QueryChip[] = [];
  if (root) {
    for (const { leaf, isNegated } of fieldLeaves(root, false)) {
      const label = `${isNegated ? 'Not ' : ''}${FIELD_LABEL[leaf.field ?? 'title']}: ${leafText(leaf)}`;
      const rest = withoutNode(root, leaf);
      chips.push({ label, removeQuery: serializeQuery({ root: rest && keepSearchable(rest), filters }) });
    }
  }
  return chips.concat(filterChips(root, filters));
}

function leafText(leaf: LeafNode): string {
  const { field: _field, ...bare } = leaf;
  return serializeNode(bare);
}

function fieldLeaves(node: QueryNode, isNegated: boolean): Array<{ leaf: LeafNode; isNegated: boolean }> {
  if (isLeaf(node)) return node.field ? [{ leaf: node, isNegated }] : [];
  if (node.kind === 'not') return fieldLeaves(node.child, !isNegated);
  return node.children.flatMap((child) => fieldLeaves(child, isNegated));
}

function withoutNode(node: QueryNode, target: QueryNode): QueryNode | undefined {
  if (node === target) return undefined;
  switch (node.kind) {
    case 'and':
      return andNode(node.children.map((child) => withoutNode(child, target)));
    case 'or':
      return orNode(node.children.map((child) => withoutNode(child, target)));
    case 'not':
      return notNode(withoutNode(node.child, target));
    default:
      return node;
  }
}

/**
 * Removing `ti:a` from `ti:a -b` would leave the unsearchable `-b`; the link drops such leftovers
 * (an exclusion with nothing to exclude from) rather than lead to an error page.
 */
function keepSearchable(node: QueryNode): QueryNode | undefined {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return node;
    case 'not':
      return undefined;
    case 'or':
      return orNode(node.children.map(keepSearchable));
    case 'and': {
      const positives = node.children.filter((child) => child.kind !== 'not').map(keepSearchable);
      if (!positives.some(Boolean)) return undefined;
      const negatives = node.children.map((child) =>
        child.kind === 'not' ? notNode(keepSearchable(child.child)) : undefined,
      );
      return andNode([...positives, ...negatives]);
    }
  }
}

function filterChips(root: QueryNode | undefined, filters: QueryFilters): QueryChip[] {
  const chips: QueryChip[] = [];
  const chip = (label: string, rest: QueryFilters) =>
    chips.push({ label, removeQuery: serializeQuery({ root, filters: rest }) });
  const { years, before, after, hasCode } = filters;
  if (years)
    chip(`Year: ${years.from === years.to ? years.from : `${years.from}–${years.to}`}`, {
      ...filters,
      years: undefined,
    });
  if (after) chip(`After ${after}`, { ...filters, after: undefined });
  if (before) chip(`Before ${before}`, { ...filters, before: undefined });
  if (hasCode !== undefined) chip(hasCode ? 'Has code' : 'Without code', { ...filters, hasCode: undefined });
  for (const category of filters.categories ?? []) {
    const categories = filters.categories?.filter((other) => other !== category);
    chip(`Category: ${category}`, { ...filters, categories });
  }
  for (const category of filters.excludedCategories ?? []) {
    const excludedCategories = filters.excludedCategories?.filter((other) => other !== category);
    chip(`Not category: ${category}`, { ...filters, excludedCategories });
  }
  return chips;
}
