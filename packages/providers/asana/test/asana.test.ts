import { asana } from '@hookwire/asana';
import { createAsanaHandshake, signAsanaRequest } from '@hookwire/asana/testing';
import { describeReceiver, errorCodeOf, eventsOf, webhookErrorOf, withHeaders } from '@hookwire/core/testing';
import { describe, expect, it } from 'vitest';

// The handshake secret shown in Asana's "Establish a webhook" reference.
const secret = 'b537207f20cbfa02357cf448134da559e8bd39d61597dcd5631b8012eae53e81';
const taskChanged = {
  user: { gid: '1123', resource_type: 'user' },
  created_at: '2024-01-17T10:20:30.123Z',
  action: 'changed',
  resource: { gid: '1337', resource_type: 'task', resource_subtype: 'default_task' },
  parent: null,
  change: { field: 'due_on', action: 'changed' },
} as const;
const storyAdded = {
  ...taskChanged,
  action: 'added',
  resource: { gid: '2001', resource_type: 'story', resource_subtype: 'comment_added' },
  parent: { gid: '1337', resource_type: 'task' },
} as const;

describeReceiver<string>({
  provider: 'asana',
  create: asana,
  sign: ({ secret, body }) => signAsanaRequest({ secret, events: [taskChanged], body }),
  secrets: [secret, 'secret of webhook A'],
  event: { name: 'task.changed' },
  signatureHeaders: ['X-Hook-Signature'],
  malformedSignature: { value: 'not-hex!' },
  handshakes: [
    {
      name: 'X-Hook-Secret',
      request: () => createAsanaHandshake({ secret: 'the new webhook secret' }),
      response: { status: 200, headers: { 'x-hook-secret': 'the new webhook secret' } },
    },
  ],
  malformedBodies: ['{"events":', '{}', '{"events":[{"action":"changed","resource":"1337"}]}'],
});

describe('asana receiver', () => {
  it('answers the handshake by echoing X-Hook-Secret, after onHandshake stored it', async () => {
    const stored: string[] = [];
    const receiver = asana({
      async onHandshake(value, request) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        stored.push(`${value}@${new URL(request.url).pathname}`);
      },
    });
    const response = await receiver.handle(
      createAsanaHandshake({ secret, url: 'https://example.com/hooks/7654' }),
    );
    expect(response).toEqual({ status: 200, headers: { 'x-hook-secret': secret } });
    expect(stored).toEqual([`${secret}@/hooks/7654`]);
  });

  it('lets onHandshake refuse an unexpected handshake', async () => {
    const receiver = asana({ secret, onHandshake: () => false });
    const response = await receiver.handle(createAsanaHandshake());
    expect(response.status).toBe(403);
    expect(response.headers?.['x-hook-secret']).toBeUndefined();
    const throwing = asana({
      onHandshake: () => {
        throw new Error('db down');
      },
    });
    expect((await throwing.handle(createAsanaHandshake())).status).toBe(500);
  });

  it('never delivers events from a request that carries X-Hook-Secret', async () => {
    const receiver = asana({ secret, onHandshake: () => true });
    let called = false;
    receiver.onAny(() => {
      called = true;
    });
    const forged = withHeaders(signAsanaRequest({ secret: 'attacker', events: [taskChanged] }), {
      'x-hook-secret': 'attacker',
    });
    const response = await receiver.handle(forged);
    expect(response.headers?.['x-hook-secret']).toBe('attacker');
    expect(called).toBe(false);
  });

  it('rejects an empty or repeated X-Hook-Secret', async () => {
    const receiver = asana({ onHandshake: () => true });
    expect(await errorCodeOf(receiver.receive(createAsanaHandshake({ secret: ' ' })))).toBe(
      'malformed_header',
    );
    const twice = withHeaders(createAsanaHandshake(), { 'x-hook-secret': ['a', 'b'] });
    expect(await errorCodeOf(receiver.receive(twice))).toBe('duplicate_header');
  });

  it('names each event <resource_type>.<action>', async () => {
    const events = await eventsOf(
      asana({ secret }).receive(signAsanaRequest({ secret, events: [taskChanged, storyAdded] })),
    );
    expect(events.map((event) => event.name)).toEqual(['task.changed', 'story.added']);
    expect(events[0]).toMatchObject({ provider: 'asana', payload: taskChanged });
    expect(events[0]!.id).toBeUndefined();
    expect(events[1]!.meta).toEqual({ resourceSubtype: 'comment_added' });
  });

  it('answers a heartbeat (no events) with 200 and runs no handler', async () => {
    const receiver = asana({ secret });
    let calls = 0;
    receiver.onAny(() => {
      calls++;
    });
    expect((await receiver.handle(signAsanaRequest({ secret }))).status).toBe(200);
    expect(calls).toBe(0);
  });

  it('refuses events while no secret is configured', async () => {
    const receiver = asana({ onHandshake: () => true });
    const error = await webhookErrorOf(receiver.receive(signAsanaRequest({ secret, events: [taskChanged] })));
    expect(error.code).toBe('unauthorized');
    expect(error.status).toBe(401);
  });

  it('takes a bare hex X-Hook-Signature, without a sha256= prefix', async () => {
    const request = signAsanaRequest({ secret, events: [taskChanged] });
    const prefixed = withHeaders(request, {
      'x-hook-signature': `sha256=${request.headers['x-hook-signature']}`,
    });
    expect(await errorCodeOf(asana({ secret }).receive(prefixed))).toBe('malformed_signature');
  });

  it('needs a secret or onHandshake at construction', () => {
    expect(() => asana({})).toThrow(/onHandshake/);
    expect(() => asana({ secret: [] })).toThrow(/at least one/);
  });
});
