// The checks every runtime passes, against any `fetch(request)` function. Requests are signed here
// with Web Crypto, independently of the code under test.
import { SECRETS } from './secrets.mjs';

const encoder = new TextEncoder();
const ORIGIN = 'https://hooks.example.com';

async function hmac(key, text, encoding) {
  const raw = typeof key === 'string' ? encoder.encode(key) : key;
  const cryptoKey = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const bytes = new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(text)));
  if (encoding === 'base64') return btoa(String.fromCharCode(...bytes));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

const base64Key = (secret) => Uint8Array.from(atob(secret.slice('whsec_'.length)), (c) => c.charCodeAt(0));
const post = (path, headers, body) =>
  new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

/** One signed request and one tampered with, per provider. */
async function cases() {
  const now = Math.floor(Date.now() / 1000);
  const githubBody = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 });
  const githubHeaders = { 'x-github-event': 'ping', 'x-github-delivery': 'delivery-1' };
  const githubSignature = `sha256=${await hmac(SECRETS.github, githubBody)}`;

  const stripeBody = JSON.stringify({
    id: 'evt_1',
    object: 'event',
    type: 'invoice.paid',
    data: { object: {} },
  });
  const stripeSignature = `t=${now},v1=${await hmac(SECRETS.stripe, `${now}.${stripeBody}`)}`;

  const slackEvent = JSON.stringify({
    type: 'event_callback',
    event_id: 'Ev1',
    team_id: 'T1',
    event: { type: 'app_mention', text: 'hi' },
  });
  const slackChallenge = JSON.stringify({
    type: 'url_verification',
    challenge: 'challenge-3f9a',
    token: 'x',
  });
  const slackHeaders = async (body) => ({
    'x-slack-request-timestamp': String(now),
    'x-slack-signature': `v0=${await hmac(SECRETS.slack, `v0:${now}:${body}`)}`,
  });

  const standardBody = JSON.stringify({ type: 'invoice.paid', data: { id: 'in_1' } });
  const standardHeaders = {
    'webhook-id': 'msg_1',
    'webhook-timestamp': String(now),
    'webhook-signature': `v1,${await hmac(base64Key(SECRETS.standard), `msg_1.${now}.${standardBody}`, 'base64')}`,
  };

  return [
    {
      name: 'github signed',
      request: post('/github', { ...githubHeaders, 'x-hub-signature-256': githubSignature }, githubBody),
      status: 200,
      handled: 'github:ping',
    },
    {
      name: 'github tampered',
      request: post(
        '/github',
        { ...githubHeaders, 'x-hub-signature-256': githubSignature },
        `${githubBody} `,
      ),
      status: 401,
    },
    {
      name: 'stripe signed',
      request: post('/stripe', { 'stripe-signature': stripeSignature }, stripeBody),
      status: 200,
      handled: 'stripe:invoice.paid',
    },
    {
      name: 'stripe tampered',
      request: post('/stripe', { 'stripe-signature': stripeSignature }, stripeBody.replace('evt_1', 'evt_2')),
      status: 401,
    },
    {
      name: 'slack signed',
      request: post('/slack', await slackHeaders(slackEvent), slackEvent),
      status: 200,
      handled: 'slack:app_mention',
    },
    {
      name: 'slack tampered',
      request: post('/slack', await slackHeaders(slackEvent), slackEvent.replace('hi', 'ho')),
      status: 401,
    },
    {
      name: 'slack url_verification',
      request: post('/slack', await slackHeaders(slackChallenge), slackChallenge),
      status: 200,
      bodyIncludes: 'challenge-3f9a',
    },
    {
      name: 'standard signed',
      request: post('/standard', standardHeaders, standardBody),
      status: 200,
      handled: 'standard-webhooks:invoice.paid',
    },
    {
      name: 'standard tampered',
      request: post('/standard', standardHeaders, standardBody.replace('in_1', 'in_2')),
      status: 401,
    },
  ];
}

/** Runs every case through `fetch`; returns `{ cryptoPath, results: [{ name, ok, detail }] }`. */
export async function runChecks(fetch) {
  const results = [];
  const handledBefore = async () => (await (await fetch(new Request(`${ORIGIN}/state`))).json()).handled;
  for (const check of await cases()) {
    const before = await handledBefore();
    const response = await fetch(check.request);
    const text = await response.text();
    const after = await handledBefore();
    const ran = after.slice(before.length);
    const problems = [];
    if (response.status !== check.status)
      problems.push(`status ${response.status}, expected ${check.status}: ${text.slice(0, 200)}`);
    if (check.handled && !ran.includes(check.handled))
      problems.push(`handler did not run (ran: ${JSON.stringify(ran)})`);
    if (!check.handled && ran.length > 0) problems.push(`a handler ran: ${JSON.stringify(ran)}`);
    if (check.bodyIncludes && !text.includes(check.bodyIncludes))
      problems.push(`body lacks ${check.bodyIncludes}: ${text.slice(0, 200)}`);
    results.push({ name: check.name, ok: problems.length === 0, detail: problems.join('; ') });
  }
  const { cryptoPath } = await (await fetch(new Request(`${ORIGIN}/state`))).json();
  return { cryptoPath, results };
}
