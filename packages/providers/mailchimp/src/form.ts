import { WebhookError } from '@hookwire/core';

export type FormValue = string | { [key: string]: FormValue };

// Names that would reach Object.prototype if used as keys of a plain object.
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const NAME = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;

/**
 * Nests PHP-style form names into objects: `data[merges][EMAIL]=a` → `{ data: { merges: { EMAIL: 'a' } } }`.
 * A name that is not `key[sub]…` stays a flat key. A name that needs a value to be both text and
 * an object is a `malformed_body` error.
 */
export function nestFormFields(params: URLSearchParams): Record<string, FormValue> {
  const root: Record<string, FormValue> = {};
  for (const [name, value] of params) {
    const path = splitName(name);
    if (path.some((segment) => FORBIDDEN.has(segment))) continue;
    let node: Record<string, FormValue> = root;
    path.forEach((segment, index) => {
      if (index === path.length - 1) {
        if (typeof node[segment] === 'object') conflict(name);
        node[segment] = value;
        return;
      }
      const next = node[segment] ?? {};
      if (typeof next === 'string') conflict(name);
      node[segment] = next;
      node = next as Record<string, FormValue>;
    });
  }
  return root;
}

function splitName(name: string): string[] {
  const match = NAME.exec(name);
  if (!match) return [name];
  const rest = match[2]!;
  return [match[1]!, ...(rest === '' ? [] : rest.slice(1, -1).split(']['))];
}

function conflict(name: string): never {
  throw new WebhookError(
    'malformed_body',
    `The form field ${name} conflicts with another field of the same name.`,
  );
}
