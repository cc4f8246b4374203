import { webhookErrorOf } from '@hookwire/core/testing';
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

describe('dynamics crm receiver', () => {
  it('names the event by MessageName, with the entity and organization in meta', async () => {
    const result = await dynamicsCrm({ code }).receive(createDynamicsCrmRequest({ code, payload: context }));
    expect(result.type).toBe('event');
    if (result.type !== 'event') return;
    expect(result.event.name).toBe('Update');
    expect(result.event.payload).toMatchObject(context);
    expect(result.event.meta).toEqual({ entity: 'contact', organization: 'contoso' });
    expect(result.event.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects a wrong code, a missing code and plain http', async () => {
    const receiver = dynamicsCrm({ code });
    const wrong = await receiver.handle(createDynamicsCrmRequest({ code: 'd'.repeat(40), payload: context }));
    expect(wrong.status).toBe(401);
    expect(String(wrong.body)).not.toContain(code);
    const request = createDynamicsCrmRequest({ code, payload: context });
    expect(
      (await webhookErrorOf(receiver.receive({ ...request, url: 'https://example.com/crm' }))).code,
    ).toBe('unauthorized');
    const plain = createDynamicsCrmRequest({ code, payload: context, url: 'http://crm.example.com/hook' });
    expect((await webhookErrorOf(receiver.receive(plain))).status).toBe(400);
  });

  it('accepts any code of a rotation', async () => {
    const receiver = dynamicsCrm({ code: ['f'.repeat(32), code] });
    expect((await receiver.receive(createDynamicsCrmRequest({ code, payload: context }))).type).toBe('event');
  });

  it('reports malformed bodies', async () => {
    for (const body of ['<xml/>', '"Update"', '{"PrimaryEntityName":"account"}']) {
      const error = await webhookErrorOf(
        dynamicsCrm({ code }).receive(createDynamicsCrmRequest({ code, body })),
      );
      expect(error.code).toBe('malformed_body');
    }
  });

  it('answers 405 to GET and refuses a short code', async () => {
    const request = { ...createDynamicsCrmRequest({ code, payload: context }), method: 'GET' };
    expect((await dynamicsCrm({ code }).handle(request)).status).toBe(405);
    expect(() => dynamicsCrm({ code: 'x'.repeat(31) })).toThrow(/32 to 128/);
  });
});
