// The checks a consumer project runs against the packed packages. Shared by the CommonJS and the
// ES module entry points, which each load the packages their own way and pass them in.
const { createHmac } = require('node:crypto');
const assert = require('node:assert/strict');

const secret = "It's a Secret to Everybody";
const payload = { action: 'opened', issue: { number: 1, title: 'Found a bug' } };
const body = JSON.stringify(payload);

/** A request signed the way GitHub signs it, with node:crypto only (not Hookwire's own signer). */
function signedRequest(createWebhookRequest, text = body, key = secret) {
  return createWebhookRequest({
    body: text,
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'issues',
      'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      'x-hub-signature-256': `sha256=${createHmac('sha256', key).update(text).digest('hex')}`,
    },
  });
}

async function post(url, request) {
  const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
  return { status: response.status, text: await response.text() };
}

/** Runs every check; returns [name, error | undefined] pairs. */
async function runChecks({ core, github, githubTesting, express, expressAdapter }) {
  const results = [];
  const check = async (name, fn) => {
    try {
      await fn();
      results.push([name, undefined]);
    } catch (error) {
      results.push([name, error]);
    }
  };

  await check('github().receive() accepts a request signed with node:crypto', async () => {
    const result = await github.github({ secret }).receive(signedRequest(core.createWebhookRequest));
    assert.equal(result.type, 'event');
    assert.equal(result.event.name, 'issues.opened');
    assert.equal(result.event.id, '72d3162e-cc78-11e3-81ab-4c9367dc0958');
    assert.deepEqual(result.event.payload, payload);
  });

  await check('the @hookwire/github/testing signer produces accepted requests', async () => {
    const request = githubTesting.signGitHubRequest({
      secret,
      event: 'push',
      payload: { ref: 'refs/heads/main' },
    });
    const result = await github.github({ secret }).receive(request);
    assert.equal(result.type === 'event' && result.event.name, 'push');
  });

  await check('a bad signature is rejected with the WebhookError of @hookwire/core', async () => {
    const forged = signedRequest(core.createWebhookRequest, body, 'not the secret');
    await assert.rejects(github.github({ secret }).receive(forged), (error) => {
      // One core instance for every package: the error is an instance of the class users import.
      assert.ok(error instanceof core.WebhookError, 'error is a core WebhookError');
      assert.equal(error.code, 'signature_mismatch');
      assert.equal(error.status, 401);
      return true;
    });
  });

  const receiver = github.github({ secret });
  const seen = [];
  receiver.on('issues.*', (event) => {
    seen.push(event.name);
  });
  const app = express();
  app.post('/webhooks/github', expressAdapter.expressWebhooks(receiver));
  app.use(express.json());
  const server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${server.address().port}/webhooks/github`;
  try {
    await check('a real Express server accepts a signed request and runs the handler', async () => {
      const response = await post(url, signedRequest(core.createWebhookRequest));
      assert.equal(response.status, 200, response.text);
      assert.deepEqual(seen, ['issues.opened']);
    });

    await check('a real Express server rejects a tampered body with 401 and runs no handler', async () => {
      const request = signedRequest(core.createWebhookRequest);
      const tampered = { ...request, body: Buffer.from(body.replace('Found', 'Lost')) };
      const response = await post(url, tampered);
      assert.equal(response.status, 401, response.text);
      assert.match(response.text, /signature_mismatch/);
      assert.deepEqual(seen, ['issues.opened']);
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  return results;
}

/** Prints one line per check and sets the exit code. */
async function main(label, modules) {
  const results = await runChecks(modules);
  for (const [name, error] of results) {
    console.log(`${error ? 'not ok' : 'ok'} - ${label}: ${name}`);
    if (error) console.log(String(error.stack ?? error).replace(/^/gm, '    '));
  }
  const failed = results.filter(([, error]) => error).length;
  console.log(`${label}: ${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

module.exports = { main };
