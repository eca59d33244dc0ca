// The small subset of OpenAPI 3.1 (https://spec.openapis.org/oas/v3.1.0) that openapi.ts uses,
// typed so the document is checked by the compiler. Schemas are JSON Schema 2020-12 objects.

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

export interface SchemaObject {
  $ref?: string;
  type?: JsonType | JsonType[];
  description?: string;
  format?: string;
  pattern?: string;
  enum?: Array<string | number | boolean | null>;
  const?: string | number | boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  default?: unknown;
  examples?: unknown[];
  properties?: Record<string, SchemaObject>;
  required?: string[];
  additionalProperties?: boolean | SchemaObject;
  items?: SchemaObject;
  allOf?: SchemaObject[];
}

export interface RefObject {
  $ref: string;
}

export interface ParameterObject {
  name: string;
  in: 'query' | 'path' | 'header';
  description: string;
  required?: boolean;
  schema: SchemaObject;
  example?: unknown;
}

export interface HeaderObject {
  description: string;
  schema: SchemaObject;
}

export interface MediaTypeObject {
  schema: SchemaObject;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, HeaderObject | RefObject>;
  content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: Array<ParameterObject | RefObject>;
  requestBody?: { required: boolean; content: Record<string, MediaTypeObject> };
  /** Who may call it: `[]` public; `[{ bearerToken: [] }]` a token; `[{}, { bearerToken: [] }]` either. */
  security?: Array<Record<string, string[]>>;
  responses: Record<string, ResponseObject | RefObject>;
}

export interface PathItemObject {
  get?: OperationObject;
  post?: OperationObject;
  patch?: OperationObject;
  delete?: OperationObject;
}

export interface SecuritySchemeObject {
  type: 'http';
  scheme: 'bearer';
  description: string;
}

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
    parameters: Record<string, ParameterObject>;
    headers: Record<string, HeaderObject>;
    responses: Record<string, ResponseObject>;
    securitySchemes: Record<string, SecuritySchemeObject>;
  };
}
