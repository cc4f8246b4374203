import { mailchimp } from '@hookwire/mailchimp';
import { createMailchimpValidationRequest } from '@hookwire/mailchimp/testing';
import { describe, expect, it } from 'vitest';

const code = 'b6f0c4e2a9d84e1f8c7b6a5d4e3f2a1b';

describe("Mailchimp validator's GET", () => {
  it('is answered 200 with the right code', async () => {
    const response = await mailchimp({ code }).handle(createMailchimpValidationRequest({ code }));
    expect(response.status).toBe(200);
  });

  it('is refused with 401 without a code or with a wrong one, never echoing the code', async () => {
    const receiver = mailchimp({ code });
    const missing = await receiver.handle(createMailchimpValidationRequest());
    expect(missing.status).toBe(401);
    expect(JSON.parse(String(missing.body)).error.code).toBe('unauthorized');
    const wrong = await receiver.handle(createMailchimpValidationRequest({ code: `${code.slice(0, -1)}0` }));
    expect(wrong.status).toBe(401);
    expect(String(wrong.body)).not.toContain(code);
  });

  it('is refused over plain http, like every request authorised by a code', async () => {
    const request = createMailchimpValidationRequest({ code, url: 'http://example.com/webhooks/mailchimp' });
    expect((await mailchimp({ code }).handle(request)).status).toBe(400);
  });
});
