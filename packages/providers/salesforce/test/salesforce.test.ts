import { createWebhookRequest } from '@hookwire/core';
import { describeReceiver, eventsOf, webhookErrorOf } from '@hookwire/core/testing';
import { salesforce } from '@hookwire/salesforce';
import { createSalesforceRequest } from '@hookwire/salesforce/testing';
import { describe, expect, it } from 'vitest';

const org18 = '00D5g000004XYZaEAO';
const org15 = org18.slice(0, 15);
const code = 'S'.repeat(16) + 'f'.repeat(16);
const url = 'https://hooks.example.com/webhooks/salesforce';

// Shaped like a real outbound message: several namespaces, xsi:nil, an entity, a CDATA section.
const envelope = `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <soapenv:Body>
  <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
   <OrganizationId>${org18}</OrganizationId>
   <ActionId>04k5g000000ABCDAAA</ActionId>
   <SessionId xsi:nil="true"/>
   <EnterpriseUrl>https://acme.my.salesforce.com/services/Soap/c/60.0/00D5g000004XYZa</EnterpriseUrl>
   <PartnerUrl>https://acme.my.salesforce.com/services/Soap/u/60.0/00D5g000004XYZa</PartnerUrl>
   <Notification>
    <Id>04l5g00000AbCdEAAV</Id>
    <sObject xsi:type="sf:Contact" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
     <sf:Id>0035g00000XyZ12AAB</sf:Id>
     <sf:Email>ada&amp;co@example.com</sf:Email>
     <sf:Description><![CDATA[<b>VIP</b> & friend]]></sf:Description>
     <sf:Phone xsi:nil="true"/>
    </sObject>
   </Notification>
   <Notification>
    <Id>04l5g00000AbCdFAAV</Id>
    <sObject xsi:type="sf:Contact" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
     <sf:Id>0035g00000XyZ13AAB</sf:Id>
     <sf:Email>grace@example.com</sf:Email>
    </sObject>
   </Notification>
  </notifications>
 </soapenv:Body>
</soapenv:Envelope>`;

function soapRequest(body: string, target = url) {
  return createWebhookRequest({ url: target, body, headers: { 'content-type': 'text/xml; charset=utf-8' } });
}

const notification = { id: '04l000000000001AAA', fields: { Id: '006000000000001' } };
const actionId = '04k5g000000ABCDAAA';
describeReceiver({
  provider: 'salesforce',
  variant: 'organization id',
  create: ({ secret, ...options }) => salesforce({ organizationId: secret, ...options }),
  // Salesforce signs nothing: the organization id in the message is the shared value.
  sign: ({ secret }) =>
    createSalesforceRequest({ organizationId: secret, actionId, notifications: [notification] }),
  secrets: [org18, '00D000000000001'],
  credential: 'token',
  event: { name: actionId, id: notification.id },
  deliveryId: true,
});

describeReceiver({
  provider: 'salesforce',
  variant: 'code',
  create: ({ secret, ...options }) => salesforce({ organizationId: org18, code: secret, ...options }),
  sign: ({ secret }) =>
    createSalesforceRequest({ organizationId: org18, code: secret, actionId, notifications: [notification] }),
  credential: 'code',
  event: { name: actionId, id: notification.id },
});

describe('salesforce receiver', () => {
  it('emits one event per notification, named by ActionId, with the notification id', async () => {
    const events = await eventsOf(salesforce({ organizationId: org15 }).receive(soapRequest(envelope)));
    expect(events.map((event) => [event.name, event.id])).toEqual([
      ['04k5g000000ABCDAAA', '04l5g00000AbCdEAAV'],
      ['04k5g000000ABCDAAA', '04l5g00000AbCdFAAV'],
    ]);
    const first = events[0]!;
    expect(first.provider).toBe('salesforce');
    expect(first.meta).toEqual({ organizationId: org18, sObjectType: 'Contact' });
    expect(first.payload).toEqual({
      id: '04l5g00000AbCdEAAV',
      sObjectType: 'Contact',
      sObject: {
        Id: '0035g00000XyZ12AAB',
        Email: 'ada&co@example.com',
        Description: '<b>VIP</b> & friend',
        Phone: null,
      },
      message: {
        organizationId: org18,
        actionId: '04k5g000000ABCDAAA',
        sessionId: null,
        enterpriseUrl: 'https://acme.my.salesforce.com/services/Soap/c/60.0/00D5g000004XYZa',
        partnerUrl: 'https://acme.my.salesforce.com/services/Soap/u/60.0/00D5g000004XYZa',
      },
    });
  });

  it('answers the SOAP acknowledgement once every handler succeeded', async () => {
    const receiver = salesforce({ organizationId: org18 });
    const emails: unknown[] = [];
    receiver.onAny((event) => {
      emails.push((event.payload as { sObject: { Email: unknown } }).sObject.Email);
    });
    const response = await receiver.handle(soapRequest(envelope));
    expect(response.status).toBe(200);
    expect(response.headers?.['content-type']).toMatch(/^text\/xml/);
    expect(response.body).toContain(
      '<notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack>',
    );
    expect(response.body).toContain(
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">',
    );
    expect(emails).toEqual(['ada&co@example.com', 'grace@example.com']);
  });

  it('does not acknowledge when a handler fails, so Salesforce redelivers', async () => {
    const receiver = salesforce({ organizationId: org18 });
    receiver.onAny(() => {
      throw new Error('database down');
    });
    const response = await receiver.handle(soapRequest(envelope));
    expect(response.status).toBe(500);
    expect(String(response.body)).not.toContain('<Ack>true</Ack>');
    expect(String(response.body)).toContain('<faultcode>soapenv:Server</faultcode>');
    expect(response.headers?.['content-type']).toMatch(/^text\/xml/);
  });

  it('compares organization ids on their first 15 characters (15 vs 18, case-sensitive)', async () => {
    for (const organizationId of [org15, org18, `${org15}ZZZ`]) {
      expect((await salesforce({ organizationId }).receive(soapRequest(envelope))).type).toBe('event');
    }
    const otherCase = org15.replace('XYZ', 'xyz');
    expect(
      (await webhookErrorOf(salesforce({ organizationId: otherCase }).receive(soapRequest(envelope)))).code,
    ).toBe('unauthorized');
  });

  it('rejects another organization with a SOAP fault that does not reveal the expected id', async () => {
    const response = await salesforce({ organizationId: '00D000000000001' }).handle(soapRequest(envelope));
    expect(response.status).toBe(401);
    expect(response.headers?.['content-type']).toMatch(/^text\/xml/);
    expect(response.body).toContain('<faultcode>soapenv:Client</faultcode>');
    expect(response.body).toContain('unauthorized');
    expect(response.body).not.toContain('00D000000000001');
  });

  it('requires https, except on localhost', async () => {
    const receiver = salesforce({ organizationId: org18 });
    const plain = await receiver.handle(
      soapRequest(envelope, 'http://hooks.example.com/webhooks/salesforce'),
    );
    expect(plain.body).toContain('https');
    expect((await receiver.receive(soapRequest(envelope, 'http://localhost:3000/sf'))).type).toBe('event');
  });

  it('reads any prefixes, as long as the namespaces are right', async () => {
    const prefixed = envelope
      .replaceAll('soapenv:', 's:')
      .replace('xmlns:soapenv=', 'xmlns:s=')
      .replace(
        '<notifications xmlns="http://soap.sforce.com/2005/09/outbound">',
        '<o:notifications xmlns:o="http://soap.sforce.com/2005/09/outbound">',
      )
      .replace('</notifications>', '</o:notifications>')
      .replace(
        /<(\/?)(OrganizationId|ActionId|SessionId|EnterpriseUrl|PartnerUrl|Notification|Id|sObject)([ >/])/g,
        '<$1o:$2$3',
      );
    const result = await salesforce({ organizationId: org18 }).receive(soapRequest(prefixed));
    expect(result.type === 'event' && result.events.map((event) => event.id)).toEqual([
      '04l5g00000AbCdEAAV',
      '04l5g00000AbCdFAAV',
    ]);
    // The same names in the wrong namespace are not an outbound message.
    const wrongNamespace = envelope.replace('http://soap.sforce.com/2005/09/outbound', 'urn:other');
    expect(
      (await webhookErrorOf(salesforce({ organizationId: org18 }).receive(soapRequest(wrongNamespace)))).code,
    ).toBe('malformed_body');
  });

  it('refuses DOCTYPEs and entity declarations (XXE, entity expansion)', async () => {
    const receiver = salesforce({ organizationId: org18 });
    const xxe = envelope
      .replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
      )
      .replace(org18, '&xxe;');
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>';
    for (const body of [xxe, laughs]) {
      const response = await receiver.handle(soapRequest(body));
      expect(response.status).toBe(400);
      expect(response.body).toContain('malformed_body');
      expect(response.body).toContain('DOCTYPE');
    }
    // An undeclared entity is refused too, rather than passed through.
    expect(
      (await webhookErrorOf(receiver.receive(soapRequest(envelope.replace('&amp;', '&nbsp;'))))).code,
    ).toBe('malformed_body');
  });

  it('reports malformed XML and envelopes without an outbound message', async () => {
    const receiver = salesforce({ organizationId: org18 });
    const bodies = [
      '',
      'not xml',
      envelope.replace('</soapenv:Body>', ''),
      envelope.replace('</sObject>', '</sobject>'),
      `${envelope}<extra/>`,
      envelope.replace('<sf:Email>', '<zz:Email>').replace('</sf:Email>', '</zz:Email>'),
      envelope.replace(`<OrganizationId>${org18}</OrganizationId>`, ''),
      envelope.replace('<ActionId>04k5g000000ABCDAAA</ActionId>', '<ActionId> </ActionId>'),
      envelope.replace('ada&amp;co', 'ada&co'),
      envelope.replace('<Id>04l5g00000AbCdEAAV</Id>', ''),
      '<?xml version="1.0"?><Envelope><Body/></Envelope>',
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body/></soapenv:Envelope>',
      `${'<a>'.repeat(100)}${'</a>'.repeat(100)}`,
    ];
    for (const body of bodies) {
      const error = await webhookErrorOf(receiver.receive(soapRequest(body)));
      expect([body.slice(0, 40), error.code]).toEqual([body.slice(0, 40), 'malformed_body']);
    }
  });

  it('acknowledges a message with no notifications', async () => {
    const empty = envelope.replace(/<Notification>[\s\S]*<\/Notification>/, '');
    const response = await salesforce({ organizationId: org18 }).handle(soapRequest(empty));
    expect(response.status).toBe(200);
    expect(response.body).toContain('<Ack>true</Ack>');
  });

  it('skips a redelivered notification id with dedupe on, and still acknowledges', async () => {
    const receiver = salesforce({ organizationId: org18, dedupe: true });
    const seen: (string | undefined)[] = [];
    receiver.onAny((event) => {
      seen.push(event.id);
    });
    expect((await receiver.handle(soapRequest(envelope))).status).toBe(200);
    const again = await receiver.handle(soapRequest(envelope));
    expect(again.body).toContain('<Ack>true</Ack>');
    expect(seen).toEqual(['04l5g00000AbCdEAAV', '04l5g00000AbCdFAAV']);
  });

  it('round-trips the test builder, including nil fields and escaping', async () => {
    const request = createSalesforceRequest({
      organizationId: org18,
      sObjectType: 'Opportunity',
      sessionId: 'session <token>',
      code,
      notifications: [
        {
          id: '04l000000000001AAA',
          fields: { Id: '006000000000001', Name: 'Big & "deal"', CloseDate: null },
        },
      ],
    });
    const result = await salesforce({ organizationId: org15, code }).receive(request);
    expect(result.type === 'event' && result.event.payload).toMatchObject({
      id: '04l000000000001AAA',
      sObjectType: 'Opportunity',
      sObject: { Id: '006000000000001', Name: 'Big & "deal"', CloseDate: null },
      message: { sessionId: 'session <token>' },
    });
  });

  it('answers other methods with a SOAP fault and an Allow header', async () => {
    const response = await salesforce({ organizationId: org18 }).handle({
      ...soapRequest(envelope),
      method: 'GET',
    });
    expect(response.headers?.allow).toBe('POST');
    expect(response.body).toContain('soapenv:Fault');
  });

  it('checks its options at construction', () => {
    expect(() => salesforce({} as never)).toThrow(/organizationId/);
    expect(() => salesforce({ organizationId: '00D123' })).toThrow(/15- or 18-character/);
    expect(() => salesforce({ organizationId: `${org15}!!!` })).toThrow(/15- or 18-character/);
  });
});
