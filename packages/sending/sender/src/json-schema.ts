import { format as knownFormats, type Schema, type SchemaDraft, Validator } from '@cfworker/json-schema';
import { isRecord } from '@hookwire/core';
import { invalid } from './errors.js';

/**
 * JSON Schema for event `data` and API bodies, validated by `@cfworker/json-schema` (drafts 7,
 * 2019-09 and 2020-12, the default). A schema is checked when it is registered (`checkJsonSchema`):
 * every keyword must be one the validator applies, or an annotation; `format` must be one it
 * knows; patterns must compile; `$ref` must point inside the schema (a schema never reaches the
 * network). Anything else is refused rather than silently ignored.
 */
export type JsonSchema = Record<string, unknown> | boolean;

const DRAFTS: Record<string, SchemaDraft> = {
  'https://json-schema.org/draft/2020-12/schema': '2020-12',
  'https://json-schema.org/draft/2019-09/schema': '2019-09',
  'http://json-schema.org/draft-07/schema#': '7',
  'http://json-schema.org/draft-07/schema': '7',
};

type Kind =
  | 'schema'
  | 'schemas'
  | 'schemaMap'
  | 'items'
  | 'number'
  | 'count'
  | 'strings'
  | 'boolean'
  | 'string'
  | 'type'
  | 'array'
  | 'any'
  | 'dependentRequired'
  | 'dependencies';

const KEYWORDS: Record<string, Kind> = {
  // applicators
  not: 'schema',
  if: 'schema',
  // biome-ignore lint/suspicious/noThenProperty: `then` is a JSON Schema keyword.
  then: 'schema',
  else: 'schema',
  contains: 'schema',
  propertyNames: 'schema',
  additionalProperties: 'schema',
  unevaluatedProperties: 'schema',
  additionalItems: 'schema',
  unevaluatedItems: 'schema',
  items: 'items',
  allOf: 'schemas',
  anyOf: 'schemas',
  oneOf: 'schemas',
  prefixItems: 'schemas',
  properties: 'schemaMap',
  patternProperties: 'schemaMap',
  $defs: 'schemaMap',
  definitions: 'schemaMap',
  dependentSchemas: 'schemaMap',
  dependencies: 'dependencies',
  // assertions
  type: 'type',
  enum: 'array',
  const: 'any',
  required: 'strings',
  dependentRequired: 'dependentRequired',
  minimum: 'number',
  maximum: 'number',
  exclusiveMinimum: 'number',
  exclusiveMaximum: 'number',
  multipleOf: 'number',
  minLength: 'count',
  maxLength: 'count',
  minItems: 'count',
  maxItems: 'count',
  minContains: 'count',
  maxContains: 'count',
  minProperties: 'count',
  maxProperties: 'count',
  uniqueItems: 'boolean',
  pattern: 'string',
  format: 'string',
  // identifiers, references and annotations
  $schema: 'string',
  $id: 'string',
  $ref: 'string',
  $anchor: 'string',
  $comment: 'string',
  title: 'string',
  description: 'string',
  default: 'any',
  examples: 'array',
  deprecated: 'boolean',
  readOnly: 'boolean',
  writeOnly: 'boolean',
  contentMediaType: 'string',
  contentEncoding: 'string',
};

const TYPES = new Set(['null', 'boolean', 'object', 'array', 'number', 'integer', 'string']);
const MAX_SCHEMA_BYTES = 64 * 1024;
const MAX_DEPTH = 32;

/** A schema accepted by `checkJsonSchema`, ready to validate values. */
export interface CheckedSchema {
  validate(value: unknown, path?: string): { path: string; message: string } | undefined;
}

/**
 * Refuses what the validator would not apply as written. `field` names the schema in errors
 * (`schema`, `eventTypes[0].schema`); the error's field is the path of the bad keyword.
 */
export function checkJsonSchema(schema: unknown, field = 'schema'): CheckedSchema {
  if (typeof schema !== 'boolean' && !isRecord(schema)) {
    throw invalid(
      field,
      `"${field}" must be a JSON Schema: an object such as { "type": "object" }, or true.`,
    );
  }
  let size: number;
  try {
    size = JSON.stringify(schema).length;
  } catch {
    throw invalid(field, `"${field}" must be plain JSON.`);
  }
  if (size > MAX_SCHEMA_BYTES) throw invalid(field, `"${field}" is larger than ${MAX_SCHEMA_BYTES} bytes.`);
  let draft: SchemaDraft = '2020-12';
  if (isRecord(schema) && schema.$schema !== undefined) {
    const known = DRAFTS[String(schema.$schema)];
    if (!known) {
      throw invalid(
        `${field}.$schema`,
        `Unsupported "$schema"; use one of ${Object.keys(DRAFTS).join(', ')} (or leave it out for 2020-12).`,
      );
    }
    draft = known;
  }
  walk(schema, field, 0, schema);
  checkRefCycles(schema, field);
  // The validator annotates the schema it is given: it gets its own copy.
  const validator = new Validator(structuredClone(schema) as Schema, draft, true);
  return {
    validate(value, path = 'data') {
      const result = validator.validate(value);
      if (result.valid) return undefined;
      const error = result.errors[result.errors.length - 1]!;
      let at = instancePath(path, error.instanceLocation, value);
      // `required` is reported on the object: name the missing property itself.
      const missing = error.keyword === 'required' ? /"([^"]*)"/.exec(error.error)?.[1] : undefined;
      if (missing !== undefined) at = `${at}.${missing}`;
      return { path: at, message: `${at}: ${error.error.replace(/\.$/, '')}` };
    },
  };
}

function walk(node: unknown, at: string, depth: number, root: unknown): void {
  if (typeof node === 'boolean') return;
  if (!isRecord(node)) throw invalid(at, `A subschema must be an object or a boolean.`);
  if (depth > MAX_DEPTH) throw invalid(at, `The schema nests deeper than ${MAX_DEPTH} levels.`);
  for (const [key, value] of Object.entries(node)) {
    const here = `${at}.${key}`;
    const kind = KEYWORDS[key];
    if (kind === undefined) {
      if (key.startsWith('x-')) continue;
      throw invalid(
        here,
        `"${key}" is not a JSON Schema keyword this validator applies, so it would be ignored. Fix the spelling, or name extensions "x-…".`,
      );
    }
    checkKeyword(key, kind, value, here, depth, root);
  }
  if (node.$id !== undefined && node !== root) {
    throw invalid(
      `${at}.$id`,
      '"$id" is accepted at the top of the schema only; use "$anchor" or "$defs" below it.',
    );
  }
}

function checkKeyword(
  key: string,
  kind: Kind,
  value: unknown,
  at: string,
  depth: number,
  root: unknown,
): void {
  const fail = (what: string) => {
    throw invalid(at, `"${key}" must be ${what}.`);
  };
  switch (kind) {
    case 'schema':
      walk(value, at, depth + 1, root);
      return;
    case 'items':
      if (Array.isArray(value)) {
        for (const [i, item] of value.entries()) walk(item, `${at}[${i}]`, depth + 1, root);
      } else walk(value, at, depth + 1, root);
      return;
    case 'schemas':
      if (!Array.isArray(value) || value.length === 0) fail('a non-empty array of schemas');
      for (const [i, item] of (value as unknown[]).entries()) walk(item, `${at}[${i}]`, depth + 1, root);
      return;
    case 'schemaMap':
      if (!isRecord(value)) fail('an object of schemas');
      for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
        if (key === 'patternProperties') checkPattern(name, `${at}[${JSON.stringify(name)}]`);
        walk(item, `${at}.${name}`, depth + 1, root);
      }
      return;
    case 'dependencies':
      if (!isRecord(value)) fail('an object');
      for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
        if (Array.isArray(item)) checkKeyword(key, 'strings', item, `${at}.${name}`, depth, root);
        else walk(item, `${at}.${name}`, depth + 1, root);
      }
      return;
    case 'dependentRequired':
      if (!isRecord(value)) fail('an object of string arrays');
      for (const [name, item] of Object.entries(value as Record<string, unknown>))
        checkKeyword(key, 'strings', item, `${at}.${name}`, depth, root);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) fail('a number');
      if (key === 'multipleOf' && (value as number) <= 0) fail('greater than 0');
      return;
    case 'count':
      if (!Number.isSafeInteger(value) || (value as number) < 0) fail('a whole number, 0 or more');
      return;
    case 'strings':
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
        fail('an array of strings');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail('true or false');
      return;
    case 'array':
      if (!Array.isArray(value)) fail('an array');
      return;
    case 'type': {
      const types = Array.isArray(value) ? value : [value];
      if (types.length === 0 || types.some((type) => !TYPES.has(type as string))) {
        fail(`one of ${[...TYPES].join(', ')}, or an array of them`);
      }
      return;
    }
    case 'string':
      if (typeof value !== 'string') fail('a string');
      if (key === 'pattern') checkPattern(value as string, at);
      if (key === 'format' && !Object.hasOwn(knownFormats, value as string)) {
        fail(`a format the validator checks: ${Object.keys(knownFormats).join(', ')}`);
      }
      if (key === '$ref') checkRef(value as string, at, root);
      return;
    default:
      return;
  }
}

function checkPattern(pattern: string, at: string): void {
  try {
    new RegExp(pattern, 'u');
  } catch {
    throw invalid(
      at,
      `${JSON.stringify(pattern.slice(0, 100))} is not a valid regular expression (Unicode mode).`,
    );
  }
}

/** Only references inside the schema: `#`, `#/$defs/Name` (a JSON pointer) or `#anchor`. */
function checkRef(ref: string, at: string, root: unknown): void {
  if (!ref.startsWith('#')) {
    throw invalid(
      at,
      `"$ref": ${JSON.stringify(ref.slice(0, 200))} points outside the schema; schemas are never fetched over the network. Put the definition under "$defs" and use "#/$defs/Name".`,
    );
  }
  const fragment = ref.slice(1);
  if (fragment === '') return;
  if (!fragment.startsWith('/')) {
    if (!hasAnchor(root, decodeURIComponent(fragment)))
      throw invalid(at, `"$ref": no "$anchor" named ${JSON.stringify(fragment)}.`);
    return;
  }
  let node: unknown = root;
  for (const raw of fragment.slice(1).split('/')) {
    const token = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(node) && /^\d+$/.test(token)) node = node[Number(token)];
    else if (isRecord(node) && Object.hasOwn(node, token)) node = node[token];
    else throw invalid(at, `"$ref": ${JSON.stringify(ref)} points at nothing in this schema.`);
  }
  if (typeof node !== 'boolean' && !isRecord(node))
    throw invalid(at, `"$ref": ${JSON.stringify(ref)} is not a schema.`);
}

/** Subschemas applied to the same instance as `node`: a cycle of them never ends (stack overflow). */
function inPlace(node: Record<string, unknown>, root: unknown): unknown[] {
  const next: unknown[] = [];
  for (const key of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(node[key])) next.push(...node[key]);
  for (const key of ['not', 'if', 'then', 'else']) if (node[key] !== undefined) next.push(node[key]);
  if (isRecord(node.dependentSchemas)) next.push(...Object.values(node.dependentSchemas));
  if (typeof node.$ref === 'string') next.push(refTarget(node.$ref, root));
  return next;
}

function refTarget(ref: string, root: unknown): unknown {
  const fragment = ref.slice(1);
  if (fragment === '') return root;
  if (!fragment.startsWith('/')) return findAnchor(root, decodeURIComponent(fragment));
  let node: unknown = root;
  for (const raw of fragment.slice(1).split('/')) {
    const token = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    node = isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[token] : undefined;
  }
  return node;
}

function findAnchor(node: unknown, anchor: string): unknown {
  if (Array.isArray(node)) return node.map((item) => findAnchor(item, anchor)).find(Boolean);
  if (!isRecord(node)) return undefined;
  if (node.$anchor === anchor) return node;
  return Object.values(node)
    .map((value) => findAnchor(value, anchor))
    .find(Boolean);
}

/** Refuses a `$ref` that comes back to itself without descending into the value (`allOf: [{ $ref: "#" }]`). */
function checkRefCycles(root: unknown, field: string): void {
  const done = new Set<unknown>();
  const visit = (node: unknown, path: Set<unknown>): void => {
    if (!isRecord(node) || done.has(node)) return;
    if (path.has(node)) {
      throw invalid(
        field,
        `"${field}" refers to itself through "$ref" without descending into the value (e.g. "allOf": [{ "$ref": "#" }]), so it never finishes; reference a subschema under "properties" or "items" instead.`,
      );
    }
    path.add(node);
    for (const next of inPlace(node, root)) visit(next, path);
    path.delete(node);
    done.add(node);
  };
  const all = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(all);
    else if (isRecord(node)) {
      visit(node, new Set());
      Object.values(node).forEach(all);
    }
  };
  all(root);
}

function hasAnchor(node: unknown, anchor: string): boolean {
  if (Array.isArray(node)) return node.some((item) => hasAnchor(item, anchor));
  if (!isRecord(node)) return false;
  if (node.$anchor === anchor) return true;
  return Object.values(node).some((value) => hasAnchor(value, anchor));
}

/** `#/items/0/sku` in `data` → `data.items[0].sku`. */
function instancePath(base: string, location: string, value: unknown): string {
  let path = base;
  let node = value;
  for (const raw of location.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    const token = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    path = Array.isArray(node) ? `${path}[${token}]` : `${path}.${token}`;
    node = isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[token] : undefined;
  }
  return path;
}

const compiled = new WeakMap<object, CheckedSchema>();

/**
 * Validates `value` against an event type's schema (compiled once per schema object). Returns the
 * first problem as `{ path, message }`, or `undefined` when the value conforms.
 */
export function validateJsonSchema(
  schema: JsonSchema,
  value: unknown,
  path = 'data',
): { path: string; message: string } | undefined {
  if (typeof schema === 'boolean') return schema ? undefined : { path, message: `${path} is not allowed` };
  let checked = compiled.get(schema);
  if (!checked) {
    checked = checkJsonSchema(schema);
    compiled.set(schema, checked);
  }
  return checked.validate(value, path);
}
