import { describeReceiver, errorCodeOf, webhookErrorOf, withBody, withHeaders } from '@hookwire/core/testing';
import { notion } from '@hookwire/notion';
import { createNotionVerificationRequest, signNotionRequest } from '@hookwire/notion/testing';
import { describe, expect, it } from 'vitest';

// The token, body and X-Notion-Signature shown in Notion's webhooks reference ("Validating event payloads").
const DOCS_TOKEN = 'secret_tMrlL1qK5vuQAh1b6cZGhFChZTSYJlce98V0pYn7yBl';
const DOCS_BODY = JSON.stringify({ verification_token: DOCS_TOKEN });
const DOCS_SIGNATURE = 'sha256=461e8cbcba8a75c3edd866f0e71280f5a85cbf21eff040ebd10fe266df38a735';

const secret = DOCS_TOKEN;
const event = {
  id: '367cba44-b6f3-4c92-81e7-6a2e9659efd4',
  timestamp: '2024-12-05T23:55:34.285Z',
  workspace_id: '13950b26-c203-4f3b-b97d-93ec06319565',
  workspace_name: 'Quantify Labs',
  subscription_id: '29d75c0d-5546-4414-8459-7b7a92f1fc4b',
  integration_id: '0ef2e755-4912-8096-91c1-00376a88a5ca',
  type: 'page.created',
  authors: [{ id: 'c7c11cca-1d73-471d-9b6e-bdef51470190', type: 'person' }],
  accessible_by: [{ id: '556a1abf-4f08-40c6-878a-75890d2a88ba', type: 'person' }],
  attempt_number: 1,
  entity: { id: '153104cd-477e-809d-8dc4-ff2d96ae3090', type: 'page' },
  data: { parent: { id: '13950b26-c203-4f3b-b97d-93ec06319565', type: 'space' } },
};
const body = JSON.stringify(event);

describeReceiver<string>({
  provider: 'notion',
  create: notion,
  sign: ({ secret, body: signedBody = body }) => signNotionRequest({ secret, body: signedBody }),
  event: { name: 'page.created', id: event.id },
  signatureHeaders: ['X-Notion-Signature'],
  malformedSignature: { value: 'sha256=xyz' },
  handshakes: [
    {
      name: 'verification_token',
      request: () => createNotionVerificationRequest({ token: DOCS_TOKEN }),
      response: { status: 200 },
    },
  ],
  deliveryId: true,
  malformedBodies: ['{"type":', '{"id":"1"}', '{"type":"page.created"}'],
});

describe('notion receiver', () => {
  it("signs exactly like the example in Notion's docs", () => {
    const request = signNotionRequest({ secret: DOCS_TOKEN, body: DOCS_BODY });
    expect(request.headers['x-notion-signature']).toBe(DOCS_SIGNATURE);
  });

  it('hands the verification token to onVerificationToken and answers 200', async () => {
    const tokens: string[] = [];
    const receiver = notion({
      onVerificationToken: async (token) => {
        await Promise.resolve();
        tokens.push(token);
      },
    });
    let called = false;
    receiver.onAny(() => {
      called = true;
    });
    const response = await receiver.handle(createNotionVerificationRequest({ token: DOCS_TOKEN }));
    expect(response.status).toBe(200);
    expect(tokens).toEqual([DOCS_TOKEN]);
    expect(called).toBe(false);
  });

  it('lets onVerificationToken refuse an unexpected token', async () => {
    const receiver = notion({ secret, onVerificationToken: () => false });
    expect((await receiver.handle(createNotionVerificationRequest())).status).toBe(403);
    const empty = createNotionVerificationRequest({ token: '' });
    expect(await errorCodeOf(receiver.receive(empty))).toBe('malformed_body');
  });

  it('treats anything beyond a lone verification_token as an event that must be signed', async () => {
    const sneaky = createNotionVerificationRequest();
    const withEvent = withBody(sneaky, JSON.stringify({ verification_token: 'x', ...event }));
    expect(await errorCodeOf(notion({ secret }).receive(withEvent))).toBe('missing_header');
  });

  it('refuses events while no token is configured', async () => {
    const receiver = notion({ onVerificationToken: () => undefined });
    expect(await errorCodeOf(receiver.receive(signNotionRequest({ secret, body })))).toBe('unauthorized');
  });

  it('requires the sha256= prefix', async () => {
    const request = signNotionRequest({ secret, body });
    const bare = (request.headers['x-notion-signature'] as string).slice('sha256='.length);
    const error = await webhookErrorOf(
      notion({ secret }).receive(withHeaders(request, { 'x-notion-signature': bare })),
    );
    expect(error.code).toBe('malformed_signature');
  });

  it('needs a token or onVerificationToken at construction', () => {
    expect(() => notion({})).toThrow(/onVerificationToken/);
    expect(() => notion({ secret: ' secret_x' })).toThrow(/whitespace/);
  });
});
