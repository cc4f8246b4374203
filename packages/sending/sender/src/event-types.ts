import { invalid } from './errors.js';
import type { SenderStore } from './store.js';
import type { EventType } from './types.js';
import { validateEventType } from './validation.js';

/** The event-type catalogue: stored by the store, cached here, seeded once with `eventTypes`. */
export class EventTypeCatalogue {
  private cached: Promise<Map<string, EventType>> | undefined;

  constructor(
    private readonly store: SenderStore,
    private readonly initial: readonly EventType[] | undefined,
  ) {}

  /** Adds or replaces entries. */
  async define(types: readonly EventType[]): Promise<void> {
    types.forEach((type, index) => {
      validateEventType(type?.name, `eventTypes[${index}].name`);
      if (type.schema !== undefined && (typeof type.schema !== 'object' || type.schema === null)) {
        throw invalid(`eventTypes[${index}].schema`, 'An event type schema must be a JSON Schema object.');
      }
    });
    await this.byName();
    await this.store.putEventTypes(types);
    this.cached = undefined;
  }

  async list(): Promise<EventType[]> {
    return [...(await this.byName()).values()];
  }

  /** Every entry by name (empty: no catalogue, any type may be published). */
  byName(): Promise<Map<string, EventType>> {
    this.cached ??= (async () => {
      if (this.initial?.length) await this.store.putEventTypes(this.initial);
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
