import { describeReceiver, eventOf } from '@hookwire/core/testing';
import { dynamicsCrm } from '@hookwire/dynamics-crm';
import { createDynamicsCrmRequest } from '@hookwire/dynamics-crm/testing';
import { describe, expect, it } from 'vitest';
import context from './fixtures/update-context.json' with { type: 'json' };

const code = '83699ec7c1d794c0c780e49a5c72972590571fd8';

describeReceiver({
  provider: 'dynamics-crm',
  create: ({ secret, ...options }) => dynamicsCrm({ code: secret, ...options }),
  sign: ({ secret, body }) => createDynamicsCrmRequest({ code: secret, payload: context, body }),
  credential: 'code',
  event: { name: 'Update' },
  deliveryId: true,
  malformedBodies: ['<xml/>', '"Update"', '{"PrimaryEntityName":"account"}'],
});

describe('dynamics crm receiver', () => {
  it('names the event by MessageName, with the entity and organization in meta', async () => {
    const event = await eventOf(
      dynamicsCrm({ code }).receive(createDynamicsCrmRequest({ code, payload: context })),
    );
    expect(event.name).toBe('Update');
    expect(event.payload).toMatchObject(context);
    expect(event.meta).toEqual({ entity: 'contact', organization: 'contoso' });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
