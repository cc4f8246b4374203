import { describeReceiver, eventOf } from '@hookwire/core/testing';
import { dynamicsCrm } from '@hookwire/dynamics-crm';
import { createDynamicsCrmRequest } from '@hookwire/dynamics-crm/testing';
import { describe, expect, it } from 'vitest';

const code = '83699ec7c1d794c0c780e49a5c72972590571fd8';
const context = {
  MessageName: 'Update',
  PrimaryEntityName: 'contact',
  PrimaryEntityId: '6e7b8c2a-1f3d-4e5a-9b0c-7d6e5f4a3b2c',
  OrganizationName: 'contoso',
  Depth: 1,
  Stage: 40,
  Mode: 1,
  InputParameters: [{ key: 'Target', value: { LogicalName: 'contact', Attributes: [] } }],
};

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
