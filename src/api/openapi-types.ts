// The shape of the OpenAPI 3.1 document (https://spec.openapis.org/oas/v3.1.0) that openapi.ts
// generates, so the builder and the tests that read the document are checked by the compiler.
// Schemas are JSON Schema 2020-12 objects written by z.toJSONSchema.

export interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  additionalProperties?: boolean | SchemaObject;
  items?: SchemaObject;
  allOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  [keyword: string]: unknown;
}

export interface ParameterObject {
  name: string;
  in: 'query' | 'path';
  description?: string;
  required: boolean;
  schema: SchemaObject;
  example?: unknown;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, { description: string; schema: SchemaObject }>;
  content?: Record<string, { schema: SchemaObject }>;
}

export interface OperationObject {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: ParameterObject[];
  requestBody?: { required: boolean; content: Record<string, { schema: SchemaObject }> };
  /** Who may call it: `[]` public; `[{ bearerToken: [] }]` a token; `[{}, { bearerToken: [] }]` either. */
  security: Array<Record<string, string[]>>;
  responses: Record<string, ResponseObject | { $ref: string }>;
}

export type PathItemObject = Partial<Record<'get' | 'post' | 'patch' | 'delete', OperationObject>>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: {
    title: string;
    version: string;
    description: string;
    license?: { name: string; identifier: string };
  };
  servers: Array<{ url: string }>;
  tags: Array<{ name: string; description: string }>;
  paths: Record<string, PathItemObject>;
  components: {
    schemas: Record<string, SchemaObject>;
    responses: Record<string, ResponseObject>;
    securitySchemes: Record<string, { type: 'http'; scheme: 'bearer'; description: string }>;
  };
}
