import { invalid, SenderError } from './errors.js';
import { exampleFromSchema } from './example-data.js';
import { checkJsonSchema } from './json-schema.js';
import type { SenderStore } from './store.js';
import type { EventType } from './types.js';
import { validateEventType } from './validation.js';

/** What can change on a catalogue entry; `null` clears `description`, `schema` or `example`. */
export interface EventTypeUpdate {
  description?: string | null;
  schema?: Record<string, unknown> | null;
  example?: unknown;
  deprecated?: boolean;
}

/** Checks one entry: its name, its schema (refused when the validator would not apply it) and its example. */
export function checkEventType(type: EventType, at = ''): EventType {
  validateEventType(type?.name, `${at}name`);
  if (
    type.description !== undefined &&
    (typeof type.description !== 'string' || type.description.length > 1000)
  ) {
    throw invalid(`${at}description`, '"description" must be a string of at most 1000 characters.');
  }
  if (type.deprecated !== undefined && typeof type.deprecated !== 'boolean') {
    throw invalid(`${at}deprecated`, '"deprecated" must be true or false.');
  }
  if (type.schema !== undefined) {
    if (typeof type.schema !== 'object' || type.schema === null || Array.isArray(type.schema)) {
      throw invalid(`${at}schema`, 'An event type schema must be a JSON Schema object.');
    }
    const checked = checkJsonSchema(type.schema, `${at}schema`);
    if (type.example !== undefined) {
      const problem = checked.validate(type.example, `${at}example`);
      if (problem) throw invalid(problem.path, `The example does not match the schema: ${problem.message}.`);
    }
  }
  return type;
}

/** The event-type catalogue: stored by the store, cached here, seeded once with `eventTypes`. */
export class EventTypeCatalogue {
  private cached: Promise<Map<string, EventType>> | undefined;

  constructor(
    private readonly store: SenderStore,
    private readonly initial: readonly EventType[] | undefined,
  ) {}

  /** Adds or replaces entries. */
  async define(types: readonly EventType[], at = (index: number) => `eventTypes[${index}].`): Promise<void> {
    for (const [index, type] of types.entries()) checkEventType(type, at(index));
    await this.byName();
    await this.store.putEventTypes(types);
    this.cached = undefined;
  }

  /** Changes one entry; a `not_found` error when it does not exist. */
  async update(name: string, update: EventTypeUpdate): Promise<EventType> {
    const current = await this.get(name);
    const next: EventType = { ...current };
    for (const key of ['description', 'schema', 'example', 'deprecated'] as const) {
      if (!(key in update) || update[key] === undefined) continue;
      if (update[key] === null) delete next[key];
      else (next as unknown as Record<string, unknown>)[key] = update[key];
    }
    await this.define([checkEventType(next)], () => '');
    return next;
  }

  /** One entry, or a `not_found` error. */
  async get(name: string): Promise<EventType> {
    const type = (await this.byName()).get(name);
    if (!type) throw new SenderError('not_found', `No event type ${JSON.stringify(name)} in the catalogue.`);
    return structuredClone(type);
  }

  /** The entry's example, else one derived from its schema (valid against it), else `{}`. */
  async example(name: string): Promise<unknown> {
    const type = await this.get(name);
    if (type.example !== undefined) return type.example;
    return type.schema ? exampleFromSchema(type.schema) : {};
  }

  async list(): Promise<EventType[]> {
    return [...(await this.byName()).values()];
  }

  /** Every entry by name (empty: no catalogue, any type may be published). */
  byName(): Promise<Map<string, EventType>> {
    this.cached ??= (async () => {
      if (this.initial?.length) {
        for (const [index, type] of this.initial.entries()) checkEventType(type, `eventTypes[${index}].`);
        await this.store.putEventTypes(this.initial);
      }
      const types = await this.store.listEventTypes();
      return new Map(types.map((type) => [type.name, type]));
    })();
    this.cached.catch(() => {
      this.cached = undefined;
    });
    return this.cached;
  }

  async names(): Promise<Set<string>> {
    return new Set((await this.byName()).keys());
  }
}
