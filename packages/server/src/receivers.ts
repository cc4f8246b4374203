import { adyen } from '@hookwire/adyen';
import { airtable } from '@hookwire/airtable';
import { asana } from '@hookwire/asana';
import { aspnet } from '@hookwire/aspnet';
import { azureAlert } from '@hookwire/azure-alert';
import { azureContainerRegistry } from '@hookwire/azure-container-registry';
import { azureDevOps } from '@hookwire/azure-devops';
import { bitbucket } from '@hookwire/bitbucket';
import { box } from '@hookwire/box';
import { calendly } from '@hookwire/calendly';
import { clerk } from '@hookwire/clerk';
import { coinbaseCommerce } from '@hookwire/coinbase-commerce';
import { createHub, type WebhookHub } from '@hookwire/core';
import { discord } from '@hookwire/discord';
import { generateDiscordKeyPair } from '@hookwire/discord/testing';
import { docusign } from '@hookwire/docusign';
import { dropbox } from '@hookwire/dropbox';
import { dynamicsCrm } from '@hookwire/dynamics-crm';
import { genericJson } from '@hookwire/generic-json';
import { github } from '@hookwire/github';
import { gitlab } from '@hookwire/gitlab';
import { hubspot } from '@hookwire/hubspot';
import { intercom } from '@hookwire/intercom';
import { jira } from '@hookwire/jira';
import { kudu } from '@hookwire/kudu';
import { lemonSqueezy } from '@hookwire/lemon-squeezy';
import { linear } from '@hookwire/linear';
import { mailchimp } from '@hookwire/mailchimp';
import { mailgun } from '@hookwire/mailgun';
import { mandrill } from '@hookwire/mandrill';
import { meta } from '@hookwire/meta';
import { microsoftGraph } from '@hookwire/microsoft-graph';
import { microsoftTeams } from '@hookwire/microsoft-teams';
import { myGet } from '@hookwire/myget';
import { notion } from '@hookwire/notion';
import { okta } from '@hookwire/okta';
import { paddle } from '@hookwire/paddle';
import { paypal } from '@hookwire/paypal';
import { plaid } from '@hookwire/plaid';
import { generatePlaidTestKey } from '@hookwire/plaid/testing';
import { postmark } from '@hookwire/postmark';
import { pusher } from '@hookwire/pusher';
import { razorpay } from '@hookwire/razorpay';
import { resend } from '@hookwire/resend';
import { salesforce } from '@hookwire/salesforce';
import { sendgrid } from '@hookwire/sendgrid';
import { generateSendGridKeyPair } from '@hookwire/sendgrid/testing';
import { sentry } from '@hookwire/sentry';
import { shopify } from '@hookwire/shopify';
import { slack } from '@hookwire/slack';
import { square } from '@hookwire/square';
import { standardWebhooks } from '@hookwire/standard-webhooks';
import { stripe } from '@hookwire/stripe';
import { trello } from '@hookwire/trello';
import { twilio } from '@hookwire/twilio';
import { twitch } from '@hookwire/twitch';
import { typeform } from '@hookwire/typeform';
import { vercel } from '@hookwire/vercel';
import { woocommerce } from '@hookwire/woocommerce';
import { wordpress } from '@hookwire/wordpress';
import { xero } from '@hookwire/xero';
import { zendesk } from '@hookwire/zendesk';
import { zoom } from '@hookwire/zoom';

/**
 * Configuration from `HOOKWIRE_<PROVIDER>_<NAME>` variables, falling back to development values
 * that the start-up banner lists, so the server runs out of the box and the README's examples can
 * sign requests with the documented development secrets.
 */
export class ReceiverSecrets {
  readonly defaulted: string[] = [];
  readonly notes: string[] = [];
  constructor(private readonly env: NodeJS.ProcessEnv) {}

  get(provider: string, name: string, devDefault: string): string {
    const key = `HOOKWIRE_${provider}_${name}`.toUpperCase().replace(/-/g, '_');
    const value = this.env[key];
    if (value) return value;
    this.defaulted.push(key);
    return devDefault;
  }

  secret(provider: string, devDefault = devSecret(provider)): string {
    return this.get(provider, 'secret', devDefault);
  }

  /** Unsigned providers use the ASP.NET `?code=` convention: 32 to 128 characters. */
  code(provider: string): string {
    return this.get(provider, 'code', `dev-${provider}-code-0123456789abcdef0123456789`);
  }
}

/** The development secret of a provider: predictable, so the README's examples can sign with it. */
export const devSecret = (provider: string) => `dev-${provider}-secret`;
/** `whsec_` + base64 of 32 bytes, for Standard Webhooks, Clerk and Resend in development. */
export const DEV_STANDARD_SECRET = 'whsec_ZGV2LXN0YW5kYXJkLXdlYmhvb2tzLXNlY3JldC0zMmI=';

/**
 * Every receiver the server mounts at `/webhooks/:provider/:id?`. None has its own dedupe: the
 * inbox drops duplicate delivery ids durably, in the same write that stores the event.
 */
export function createReceivers(secrets: ReceiverSecrets, publicBaseUrl: string): WebhookHub {
  const s = (provider: string) => secrets.secret(provider);
  const code = (provider: string) => secrets.code(provider);
  const url = (provider: string) => `${publicBaseUrl}/webhooks/${provider}`;
  const receivers = {
    adyen: adyen({
      secret: secrets.secret('adyen', '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056'),
    }),
    airtable: airtable({
      secret: secrets.secret('airtable', Buffer.from(devSecret('airtable')).toString('base64')),
    }),
    asana: asana({ secret: s('asana') }),
    aspnet: aspnet({ secret: s('aspnet') }),
    'azure-alert': azureAlert({ code: code('azure-alert') }),
    'azure-container-registry': azureContainerRegistry({ code: code('azure-container-registry') }),
    'azure-devops': azureDevOps({ code: code('azure-devops') }),
    bitbucket: bitbucket({ secret: s('bitbucket') }),
    box: box({ primaryKey: secrets.get('box', 'primary_key', devSecret('box')) }),
    calendly: calendly({ secret: s('calendly') }),
    clerk: clerk({ secret: secrets.secret('clerk', DEV_STANDARD_SECRET) }),
    'coinbase-commerce': coinbaseCommerce({ secret: s('coinbase-commerce') }),
    discord: discord({
      publicKey: publicKeyOf(secrets, 'discord', () => generateDiscordKeyPair().publicKey),
    }),
    docusign: docusign({ secret: s('docusign') }),
    dropbox: dropbox({ secret: s('dropbox') }),
    'dynamics-crm': dynamicsCrm({ code: code('dynamics-crm') }),
    'generic-json': genericJson({ code: code('generic-json') }),
    github: github({ secret: s('github') }),
    gitlab: gitlab({ secret: s('gitlab') }),
    hubspot: hubspot({ secret: s('hubspot'), publicUrl: url('hubspot') }),
    intercom: intercom({ secret: s('intercom') }),
    jira: jira({ secret: s('jira') }),
    kudu: kudu({ code: code('kudu') }),
    'lemon-squeezy': lemonSqueezy({ secret: s('lemon-squeezy') }),
    linear: linear({ secret: s('linear') }),
    mailchimp: mailchimp({ code: code('mailchimp') }),
    mailgun: mailgun({ secret: s('mailgun') }),
    mandrill: mandrill({ secret: s('mandrill'), publicUrl: url('mandrill') }),
    meta: meta({
      secret: s('meta'),
      verifyToken: secrets.get('meta', 'verify_token', 'dev-meta-verify-token'),
    }),
    'microsoft-graph': microsoftGraph({
      clientState: secrets.get('microsoft-graph', 'client_state', 'dev-client-state'),
    }),
    'microsoft-teams': microsoftTeams({
      secret: secrets.secret('microsoft-teams', Buffer.from(devSecret('microsoft-teams')).toString('base64')),
    }),
    myget: myGet({ code: code('myget') }),
    notion: notion({ secret: s('notion') }),
    okta: okta({ secret: s('okta') }),
    paddle: paddle({ secret: s('paddle') }),
    paypal: paypal({ webhookId: secrets.get('paypal', 'webhook_id', '0DEVWEBHOOKID00000') }),
    plaid: plaidReceiver(secrets),
    postmark: postmark({
      username: 'hookwire',
      password: secrets.get('postmark', 'password', devSecret('postmark')),
    }),
    pusher: pusher({ apps: { [secrets.get('pusher', 'app_key', 'dev-pusher-key')]: s('pusher') } }),
    razorpay: razorpay({ secret: s('razorpay') }),
    resend: resend({ secret: secrets.secret('resend', DEV_STANDARD_SECRET) }),
    salesforce: salesforce({
      organizationId: secrets.get('salesforce', 'organization_id', '00D000000000001AAA'),
    }),
    sendgrid: sendgrid({
      publicKey: publicKeyOf(secrets, 'sendgrid', () => generateSendGridKeyPair().publicKey),
    }),
    sentry: sentry({ secret: s('sentry') }),
    shopify: shopify({ secret: s('shopify') }),
    slack: slack({ secret: s('slack') }),
    square: square({ secret: s('square'), notificationUrl: url('square') }),
    'standard-webhooks': standardWebhooks({
      secret: secrets.secret('standard-webhooks', DEV_STANDARD_SECRET),
    }),
    stripe: stripe({ secret: secrets.secret('stripe', `whsec_${devSecret('stripe')}`) }),
    trello: trello({ secret: s('trello'), callbackUrl: url('trello') }),
    twilio: twilio({ secret: s('twilio'), publicUrl: url('twilio') }),
    twitch: twitch({ secret: s('twitch') }),
    typeform: typeform({ secret: s('typeform') }),
    vercel: vercel({ secret: s('vercel') }),
    woocommerce: woocommerce({ secret: s('woocommerce') }),
    wordpress: wordpress({ code: code('wordpress') }),
    xero: xero({ secret: s('xero') }),
    zendesk: zendesk({ secret: s('zendesk') }),
    zoom: zoom({ secret: s('zoom') }),
  };
  return createHub(receivers);
}

// Asymmetric providers: without a configured key the server makes a throw-away one, so the route
// exists; real deliveries verify once HOOKWIRE_<PROVIDER>_PUBLIC_KEY is set.
function publicKeyOf(secrets: ReceiverSecrets, provider: string, generate: () => string): string {
  const key = secrets.get(provider, 'public_key', '');
  if (key) return key;
  secrets.notes.push(`${provider}: no HOOKWIRE_${provider.toUpperCase()}_PUBLIC_KEY, using a generated key`);
  return generate();
}

function plaidReceiver(secrets: ReceiverSecrets) {
  const dev = generatePlaidTestKey('hookwire-server');
  secrets.notes.push(
    'plaid: verification keys come from a generated development key; supply getVerificationKey in production',
  );
  return plaid({ getVerificationKey: async (kid) => (kid === dev.jwk.kid ? dev.jwk : undefined) });
}
