import { type Api, type Delivery, type DeliveryStatus, enc, type Page, q, type Subscription } from './api.js';

/** Every subscription the caller sees, a few pages at most (the console is for looking, not bulk export). */
export async function allSubscriptions(api: Api, tenant?: string): Promise<Subscription[]> {
  const items: Subscription[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 5; page += 1) {
    const answer: Page<Subscription> = await api.get(`/subscriptions${q({ limit: 200, cursor, tenant })}`);
    items.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/**
 * The newest deliveries across subscriptions: `GET /deliveries` where the server has it, else the
 * newest of each subscription's own list, merged.
 */
export async function recentDeliveries(
  api: Api,
  options: { status?: DeliveryStatus; limit?: number; subscriptions?: Subscription[] } = {},
): Promise<Delivery[]> {
  const limit = options.limit ?? 50;
  if (await api.has('GET /deliveries')) {
    const answer = await api.get<Page<Delivery>>(`/deliveries${q({ limit, status: options.status })}`);
    return answer.items;
  }
  const subscriptions = (options.subscriptions ?? (await allSubscriptions(api))).slice(0, 40);
  const pages = await Promise.all(
    subscriptions.map((subscription) =>
      api
        .get<Page<Delivery>>(
          `/subscriptions/${enc(subscription.id)}/deliveries${q({ limit, status: options.status })}`,
        )
        .then((page) => page.items)
        .catch(() => [] as Delivery[]),
    ),
  );
  return pages
    .flat()
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
    .slice(0, limit);
}
