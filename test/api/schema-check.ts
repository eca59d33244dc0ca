// A deliberately small JSON Schema checker for tests: `$ref` (local), `allOf`, `anyOf`, `type` (incl.
// arrays and "integer"), `required`, `properties`, `additionalProperties: false`, `items`, `enum`,
// `const`. Returns every problem found.

import type { OpenApiDocument, SchemaObject } from '../../src/api/openapi-types.js';

function resolve(doc: OpenApiDocument, ref: string): SchemaObject {
  const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
  const schema = name ? doc.components.schemas[name] : undefined;
  if (!schema) throw new Error(`unresolvable $ref ${ref}`);
  return schema;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  return typeOf(value) === type;
}

export function checkSchema(
  doc: OpenApiDocument,
  schema: SchemaObject,
  value: unknown,
  path = '$',
): string[] {
  if (schema.$ref) return checkSchema(doc, resolve(doc, schema.$ref), value, path);
  const problems: string[] = [];
  for (const part of schema.allOf ?? []) problems.push(...checkSchema(doc, part, value, path));
  if (schema.anyOf) {
    const tries = schema.anyOf.map((part) => checkSchema(doc, part, value, path));
    if (!tries.some((found) => found.length === 0)) problems.push(...(tries[0] ?? []));
  }
  if (schema.type) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => matchesType(value, t))) {
      return [...problems, `${path}: expected ${types.join('|')}, got ${typeOf(value)}`];
    }
  }
  if (schema.enum && !schema.enum.includes(value as never))
    problems.push(`${path}: ${String(value)} not in enum`);
  if (schema.const !== undefined && value !== schema.const)
    problems.push(`${path}: expected ${schema.const}`);
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in obj)) problems.push(`${path}.${key}: required`);
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (key in obj) problems.push(...checkSchema(doc, sub, obj[key], `${path}.${key}`));
    }
    if (schema.additionalProperties === false) {
      for (const key of Object.keys(obj))
        if (!(key in (schema.properties ?? {}))) problems.push(`${path}.${key}: not in the schema`);
    }
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => {
      problems.push(...checkSchema(doc, schema.items as SchemaObject, item, `${path}[${i}]`));
    });
  }
  return problems;
}
