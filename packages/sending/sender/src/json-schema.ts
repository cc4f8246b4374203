import { isRecord } from '@hookwire/core';

type Schema = Record<string, unknown> | boolean;

/**
 * A small JSON Schema validator for event `data`: `type`, `enum`, `const`, `properties`,
 * `required`, `additionalProperties`, `items`, `minItems`/`maxItems`, `minLength`/`maxLength`,
 * `pattern`, `minimum`/`maximum`/`exclusiveMinimum`/`exclusiveMaximum`, `allOf`/`anyOf`/`oneOf`
 * and `not`. Other keywords (`format`, `$ref`, …) are ignored, as annotations are. Returns the
 * first problem as `{ path, message }`, or `undefined` when the value conforms.
 */
export function validateJsonSchema(
  schema: Schema,
  value: unknown,
  path = 'data',
): { path: string; message: string } | undefined {
  if (schema === true) return undefined;
  if (schema === false) return { path, message: `${path} is not allowed` };
  const fail = (message: string) => ({ path, message: `${path} ${message}` });

  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((type) => hasType(value, type))) return fail(`must be ${types.join(' or ')}`);
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((item) => deepEqual(item, value))) {
    return fail(`must be one of ${JSON.stringify(schema.enum)}`);
  }
  if ('const' in schema && !deepEqual(schema.const, value))
    return fail(`must be ${JSON.stringify(schema.const)}`);

  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) {
      return fail(`must be at least ${schema.minLength} characters`);
    }
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) {
      return fail(`must be at most ${schema.maxLength} characters`);
    }
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
      return fail(`must match ${schema.pattern}`);
    }
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum)
      return fail(`must be >= ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum)
      return fail(`must be <= ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) {
      return fail(`must be > ${schema.exclusiveMinimum}`);
    }
    if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) {
      return fail(`must be < ${schema.exclusiveMaximum}`);
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
      return fail(`must have at least ${schema.minItems} items`);
    }
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
      return fail(`must have at most ${schema.maxItems} items`);
    }
    if (schema.items !== undefined && !Array.isArray(schema.items)) {
      for (let i = 0; i < value.length; i++) {
        const problem = validateJsonSchema(schema.items as Schema, value[i], `${path}[${i}]`);
        if (problem) return problem;
      }
    }
  }
  if (isRecord(value)) {
    const properties = isRecord(schema.properties) ? (schema.properties as Record<string, Schema>) : {};
    if (Array.isArray(schema.required)) {
      for (const key of schema.required as string[]) {
        if (!(key in value)) return { path: `${path}.${key}`, message: `${path}.${key} is required` };
      }
    }
    for (const [key, item] of Object.entries(value)) {
      const sub = properties[key] ?? (schema.additionalProperties as Schema | undefined);
      if (sub === undefined) continue;
      const problem = validateJsonSchema(sub, item, `${path}.${key}`);
      if (problem)
        return properties[key] === undefined && sub === false
          ? { ...problem, message: `${path}.${key} is not an allowed property` }
          : problem;
    }
  }
  if (Array.isArray(schema.allOf)) {
    for (const sub of schema.allOf as Schema[]) {
      const problem = validateJsonSchema(sub, value, path);
      if (problem) return problem;
    }
  }
  if (
    Array.isArray(schema.anyOf) &&
    !(schema.anyOf as Schema[]).some((sub) => !validateJsonSchema(sub, value, path))
  ) {
    return fail('must match one of the allowed shapes (anyOf)');
  }
  if (Array.isArray(schema.oneOf)) {
    const matches = (schema.oneOf as Schema[]).filter((sub) => !validateJsonSchema(sub, value, path)).length;
    if (matches !== 1) return fail('must match exactly one of the allowed shapes (oneOf)');
  }
  if (schema.not !== undefined && !validateJsonSchema(schema.not as Schema, value, path)) {
    return fail('must not match the excluded shape (not)');
  }
  return undefined;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isRecord(value);
    default:
      return false;
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) =>
    deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
