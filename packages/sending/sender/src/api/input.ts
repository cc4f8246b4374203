import { type OutputUnit, type Schema, Validator } from '@cfworker/json-schema';
import { isRecord } from '@hookwire/core';
import { invalid } from '../errors.js';
import type { RouteDefinition } from './routes.js';

/**
 * Checks a request's query and body against its route's schemas (the ones the OpenAPI document
 * shows) and turns the first problem into a 400 naming the field: `url`, `headers.x-a`,
 * `retrySchedule[0]`, `filter` — `body` for the body as a whole.
 */
export class RouteInput {
  private readonly body: Validator | undefined;
  private readonly query: Map<string, { validator: Validator; integer: boolean }>;

  constructor(private readonly route: RouteDefinition) {
    this.body = route.body
      ? new Validator(structuredClone(route.body.schema) as Schema, '2020-12', true)
      : undefined;
    this.query = new Map(
      Object.entries(route.query ?? {}).map(([name, parameter]) => [
        name,
        {
          validator: new Validator(structuredClone(parameter.schema) as Schema, '2020-12', true),
          integer: parameter.schema.type === 'integer',
        },
      ]),
    );
  }

  checkQuery(query: URLSearchParams, operator: boolean): void {
    const allowed = Object.entries(this.route.query ?? {})
      .filter(([, parameter]) => operator || !parameter.operatorOnly)
      .map(([name]) => name);
    for (const [key, text] of query) {
      if (key === '') throw invalid('query', 'A query parameter has no name ("?=value"); remove it.');
      if (!allowed.includes(key)) {
        throw invalid(
          key,
          `Unknown query parameter "${key}".${allowed.length ? ` Allowed: ${allowed.join(', ')}.` : ''}`,
        );
      }
      const { validator, integer } = this.query.get(key)!;
      const value = integer && /^-?\d{1,15}$/.test(text) ? Number(text) : text;
      const result = validator.validate(value);
      if (!result.valid) {
        throw invalid(
          key,
          `"${key}" ${problemText(result.errors)}. ${this.route.query![key]!.description}`.trim(),
        );
      }
    }
  }

  /** The body to run with: `{}` for an absent optional body. */
  checkBody(body: unknown): unknown {
    const definition = this.route.body;
    if (!definition) {
      if (body !== undefined && !(isRecord(body) && Object.keys(body).length === 0)) {
        throw invalid('body', 'This route takes no body.');
      }
      return undefined;
    }
    if (body === undefined) {
      if (definition.required) throw invalid('body', 'This route needs a JSON object body.');
      return {};
    }
    const result = this.body!.validate(body);
    if (result.valid) return body;
    throw fieldError(result.errors, definition.schema, body);
  }
}

function problemText(errors: OutputUnit[]): string {
  const last = errors[errors.length - 1]!;
  return `is invalid: ${last.error.replace(/\.$/, '')}`;
}

/** The deepest problem, named by its place in the body. */
function fieldError(errors: OutputUnit[], schema: Record<string, unknown>, body: unknown) {
  const last = errors[errors.length - 1]!;
  const path = pathOf(last.instanceLocation, body);
  if (last.keyword === 'required') {
    const name = /"([^"]*)"/.exec(last.error)?.[1] ?? '';
    const field = join(path, name, false);
    const described = describe(
      schema,
      `${last.keywordLocation.replace(/\/required$/, '')}/properties/${name}`,
    );
    return invalid(field, `"${field}" is required.${described ? ` ${described}` : ''}`);
  }
  if (last.keyword === 'false') {
    const parent = errors[errors.length - 2];
    const owner = parent
      ? lookup(schema, parent.keywordLocation.replace(/\/additionalProperties$/, ''))
      : undefined;
    const allowed = isRecord(owner) && isRecord(owner.properties) ? Object.keys(owner.properties) : [];
    const field = path || 'body';
    return invalid(
      field,
      `Unknown field "${field}".${allowed.length ? ` Allowed: ${allowed.join(', ')}.` : ''}`,
    );
  }
  const field = path || 'body';
  const described = describe(schema, last.keywordLocation.replace(/\/[^/]*$/, ''));
  return invalid(field, `"${field}" ${problemText([last])}.${described ? ` ${described}` : ''}`);
}

/** `#/headers/x-a` → `headers.x-a`; `#/events/0` → `events[0]` (indexes only where the body has an array). */
function pathOf(location: string, body: unknown): string {
  let path = '';
  let node = body;
  for (const raw of location.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    const token = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    path = join(path, token, Array.isArray(node));
    node = isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[token] : undefined;
  }
  return path;
}

function join(path: string, token: string, index: boolean): string {
  if (index) return `${path}[${token}]`;
  return path ? `${path}.${token}` : token;
}

/** The description of the schema at `pointer`, or of the nearest one above it that has one. */
function describe(schema: unknown, pointer: string): string | undefined {
  const tokens = pointer.replace(/^#\/?/, '').split('/').filter(Boolean);
  for (let length = tokens.length; length >= 1; length--) {
    const node = lookup(schema, `#/${tokens.slice(0, length).join('/')}`);
    if (isRecord(node) && typeof node.description === 'string') return node.description;
  }
  return undefined;
}

function lookup(schema: unknown, pointer: string): unknown {
  let node = schema;
  for (const raw of pointer.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    const token = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    node = isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[token] : undefined;
  }
  return node;
}
