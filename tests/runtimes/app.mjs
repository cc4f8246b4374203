// The application under test, written as a user would: the fetch adapter and four receivers,
// imported from the built packages. Each runtime's entry serves `createApp(...)` as its fetch handler.
import { cryptoPath } from '@hookwire/core';
import { fetchWebhooks } from '@hookwire/fetch';
import { github } from '@hookwire/github';
import { slack } from '@hookwire/slack';
import { standardWebhooks } from '@hookwire/standard-webhooks';
import { stripe } from '@hookwire/stripe';
import { SECRETS } from './secrets.mjs';

export function createApp() {
  const handled = [];
  const record = (event) => {
    handled.push(`${event.provider}:${event.name}`);
  };
  const routes = {
    '/github': fetchWebhooks(github({ secret: SECRETS.github }).onAny(record)),
    '/stripe': fetchWebhooks(stripe({ secret: SECRETS.stripe }).onAny(record)),
    '/slack': fetchWebhooks(slack({ secret: SECRETS.slack }).onAny(record)),
    '/standard': fetchWebhooks(standardWebhooks({ secret: SECRETS.standard }).onAny(record)),
  };
  return async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/state') return Response.json({ cryptoPath, handled });
    const route = routes[pathname];
    return route ? route(request) : new Response('not found', { status: 404 });
  };
}
