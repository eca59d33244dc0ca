// The API's schema registry: response shapes registered under their OpenAPI component names, and
// the one conversion of zod schemas to the document's JSON Schema (z.toJSONSchema), used by
// api/openapi.ts. Query fields whose zod form is a string parser say what they accept with `documentAs`.

import { z } from 'zod';

/** A JSON Schema 2020-12 object as z.toJSONSchema writes it. */
export type JsonSchema = Record<string, unknown>;

/** Named shapes: each becomes `#/components/schemas/{id}` and is referenced, not repeated. */
export const componentSchemas = z.registry<{ id: string; description?: string }>();

export function component<T extends z.ZodType>(id: string, schema: T, description?: string): T {
  componentSchemas.add(schema, description ? { id, description } : { id });
  return schema;
}

const documented = new WeakMap<object, JsonSchema>();

/**
 * A query field parsed from its text (`"20"` → 20) is documented as what it means (an integer from
 * 1 to 100), not as the string it arrives as; the JSON Schema written here replaces the generated one.
 */
export function documentAs<T extends z.ZodType>(schema: T, json: JsonSchema): T {
  documented.set(schema, json);
  return schema;
}

function applyDocumented(ctx: { zodSchema: object; jsonSchema: JsonSchema }): void {
  const json = documented.get(ctx.zodSchema);
  if (!json) return;
  for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
  Object.assign(ctx.jsonSchema, json);
}

const REF_PREFIX = '#/components/schemas/';

/** Every registered shape, keyed by its component name. */
export function componentJsonSchemas(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(componentSchemas, {
    uri: (id) => `${REF_PREFIX}${id}`,
    override: applyDocumented,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]),
  );
}

/**
 * One schema as it appears inside an operation: registered shapes it uses become references to the
 * components. `input` for what a client sends (defaults optional), `output` for what we answer.
 */
export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema {
  const id = componentSchemas.get(schema)?.id;
  if (id) return { $ref: `${REF_PREFIX}${id}` };
  const {
    $schema: _s,
    $defs: _d,
    ...json
  } = z.toJSONSchema(schema, {
    metadata: componentSchemas,
    io,
    override: applyDocumented,
  });
  // Registered shapes come out as local $defs; in the document they are the components.
  return JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', `"${REF_PREFIX}`)) as JsonSchema;
}
