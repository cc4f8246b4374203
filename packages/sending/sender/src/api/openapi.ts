import { isRecord } from '@hookwire/core';
import { SENDER_VERSION } from '../options.js';
import type { RouteDefinition } from './routes.js';
import { COMPONENTS } from './schemas.js';

const json = (schema: unknown) => ({ 'application/json': { schema } });

const ERRORS: Record<string, { description: string; when: (route: RouteDefinition) => boolean }> = {
  '400': { description: 'Malformed input; error.field names it.', when: (r) => r.access !== 'public' },
  '401': { description: 'Missing or unknown bearer token.', when: (r) => r.access !== 'public' },
  '403': { description: 'Only the operator may do this.', when: (r) => r.access === 'operator' },
  '404': {
    description: "No such resource (another tenant's answers the same).",
    when: (r) => r.path.includes('{'),
  },
  '409': {
    description: 'A conflict or a limit of the sender (error.code limit_reached).',
    when: (r) => r.method !== 'GET' && r.access !== 'public',
  },
  '413': { description: 'The body is too large.', when: (r) => r.body !== undefined },
};

/**
 * The OpenAPI 3.1 document of a management API, generated from its route table: the same schemas
 * check the requests. Named schemas become components and are referenced where they are used.
 */
export function openApiDocument(routes: readonly RouteDefinition[], options: { basePath?: string } = {}) {
  const names = new Map<object, string>(Object.entries(COMPONENTS).map(([name, schema]) => [schema, name]));
  const ref = (schema: unknown, self?: string): unknown => {
    if (Array.isArray(schema)) return schema.map((item) => ref(item));
    if (!isRecord(schema)) return schema;
    const name = names.get(schema);
    if (name !== undefined && name !== self) return { $ref: `#/components/schemas/${name}` };
    return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, ref(value)]));
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters = [
      ...[...route.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
        name: match[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...Object.entries(route.query ?? {}).map(([name, parameter]) => ({
        name,
        in: 'query',
        required: false,
        description: parameter.description,
        schema: parameter.schema,
      })),
    ];
    const responses: Record<string, unknown> = {};
    for (const [status, answer] of Object.entries(route.responses)) {
      responses[status] = {
        description: answer.description,
        ...(answer.schema ? { content: json(ref(answer.schema)) } : {}),
      };
    }
    for (const [status, error] of Object.entries(ERRORS)) {
      if (error.when(route)) responses[status] = { $ref: `#/components/responses/E${status}` };
    }
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.path.split('/')[1]],
      ...(route.access === 'public' ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: route.body.required,
              content: {
                'application/json': {
                  schema: ref(route.body.schema),
                  ...(route.example !== undefined ? { example: route.example } : {}),
                },
              },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hookwire management API',
      version: SENDER_VERSION,
      description:
        "Subscriptions, deliveries, events and the event-type catalogue of a Hookwire sender. Every route is scoped to the caller's tenant; the operator's token reaches every tenant and the operator routes.",
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: options.basePath ?? '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: Object.fromEntries(
        Object.entries(COMPONENTS).map(([name, schema]) => [name, ref(schema, name)]),
      ),
      responses: Object.fromEntries(
        Object.entries(ERRORS).map(([status, error]) => [
          `E${status}`,
          { description: error.description, content: json({ $ref: '#/components/schemas/Error' }) },
        ]),
      ),
    },
  };
}
