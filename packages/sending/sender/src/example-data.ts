import { isRecord } from '@hookwire/core';

const FORMAT_SAMPLES: Record<string, string> = {
  'date-time': '2025-01-31T12:00:00Z',
  date: '2025-01-31',
  time: '12:00:00Z',
  duration: 'P1D',
  email: 'user@example.com',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  'uri-reference': '/path',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  uuid: '3b241101-e2bb-4255-8caf-4136c566a962',
  regex: '^a$',
  'json-pointer': '/a',
};

/**
 * A sample value for a schema, for `GET /event-types/:name` and send-example: the schema's own
 * `examples`, `const`, `default` or first `enum` value where it gives one, otherwise built from
 * `type`, `properties`, `items`, bounds and `format`. Local `$ref`s are followed.
 */
export function exampleFromSchema(schema: unknown): unknown {
  return sample(schema, schema, 0);
}

function sample(node: unknown, root: unknown, depth: number): unknown {
  if (!isRecord(node) || depth > 12) return {};
  if (Array.isArray(node.examples) && node.examples.length > 0) return node.examples[0];
  if ('const' in node) return node.const;
  if ('default' in node) return node.default;
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
  if (typeof node.$ref === 'string') return sample(resolveRef(root, node.$ref), root, depth + 1);
  if (Array.isArray(node.allOf)) {
    const parts = node.allOf.map((part) => sample(part, root, depth + 1));
    const own =
      node.type !== undefined || node.properties !== undefined
        ? sample({ ...node, allOf: undefined }, root, depth + 1)
        : undefined;
    if ([...parts, own].every((part) => part === undefined || isRecord(part)))
      return Object.assign({}, ...parts, own);
    return parts[0];
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = node[key];
    if (Array.isArray(options) && options.length > 0) return sample(options[0], root, depth + 1);
  }
  const types = Array.isArray(node.type) ? node.type : [node.type];
  const type =
    types.find((t) => t !== 'null') ??
    types[0] ??
    (node.properties ? 'object' : node.items ? 'array' : undefined);
  switch (type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      if (isRecord(node.properties)) {
        for (const [name, property] of Object.entries(node.properties))
          result[name] = sample(property, root, depth + 1);
      }
      return result;
    }
    case 'array': {
      const itemSchema = Array.isArray(node.prefixItems) ? node.prefixItems : node.items;
      if (Array.isArray(itemSchema)) return itemSchema.map((item) => sample(item, root, depth + 1));
      const count = Math.min(Math.max(typeof node.minItems === 'number' ? node.minItems : 1, 1), 10);
      return itemSchema === undefined
        ? []
        : Array.from({ length: count }, () => sample(itemSchema, root, depth + 1));
    }
    case 'string': {
      const formatted = typeof node.format === 'string' ? FORMAT_SAMPLES[node.format] : undefined;
      if (formatted) return formatted;
      if (typeof node.pattern === 'string') return fromPattern(node.pattern);
      const min = typeof node.minLength === 'number' ? node.minLength : 0;
      return 'string'
        .padEnd(Math.min(Math.max(min, 6), 1000), 'x')
        .slice(0, typeof node.maxLength === 'number' ? node.maxLength : undefined);
    }
    case 'integer':
    case 'number':
      return sampleNumber(node, type === 'integer');
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return {};
  }
}

function sampleNumber(node: Record<string, unknown>, integer: boolean): number {
  const num = (value: unknown) => (typeof value === 'number' ? value : undefined);
  const step = num(node.multipleOf) ?? (integer ? 1 : 0.5);
  let value =
    num(node.minimum) ?? (num(node.exclusiveMinimum) !== undefined ? num(node.exclusiveMinimum)! + step : 0);
  const max = num(node.maximum) ?? num(node.exclusiveMaximum);
  if (max !== undefined && value > max) value = max;
  if (num(node.multipleOf)) value = Math.ceil(value / step) * step;
  return integer ? Math.ceil(value) : value;
}

function resolveRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return ref === '#' ? root : {};
  let node = root;
  for (const raw of ref.slice(2).split('/')) {
    const token = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    node = isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[token] : undefined;
  }
  return node;
}

/** A string for the common "starts with a literal" pattern (`^in_`, `^[A-Z]{3}-`): the literal, then "example". */
function fromPattern(pattern: string): string {
  const literal = /^\^?([A-Za-z0-9_:./-]*)/.exec(pattern)?.[1] ?? '';
  const candidate = `${literal}example`;
  try {
    return new RegExp(pattern, 'u').test(candidate) ? candidate : literal || 'example';
  } catch {
    return 'example';
  }
}
