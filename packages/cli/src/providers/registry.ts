import { UsageError } from '../errors.js';
import type { ProviderSpec } from './spec.js';

type Loader = () => Promise<{ default: ProviderSpec }>;

// One module per provider, loaded only when named, so `hookwire trigger github` does not load 59.
const loaders: Record<string, Loader> = {
  adyen: () => import('./adyen.js'),
  airtable: () => import('./airtable.js'),
  asana: () => import('./asana.js'),
  aspnet: () => import('./aspnet.js'),
  'azure-alert': () => import('./azure-alert.js'),
  'azure-container-registry': () => import('./azure-container-registry.js'),
  'azure-devops': () => import('./azure-devops.js'),
  bitbucket: () => import('./bitbucket.js'),
  box: () => import('./box.js'),
  calendly: () => import('./calendly.js'),
  clerk: () => import('./clerk.js'),
  'coinbase-commerce': () => import('./coinbase-commerce.js'),
  discord: () => import('./discord.js'),
  docusign: () => import('./docusign.js'),
  dropbox: () => import('./dropbox.js'),
  'dynamics-crm': () => import('./dynamics-crm.js'),
  'generic-json': () => import('./generic-json.js'),
  github: () => import('./github.js'),
  gitlab: () => import('./gitlab.js'),
  hubspot: () => import('./hubspot.js'),
  intercom: () => import('./intercom.js'),
  jira: () => import('./jira.js'),
  kudu: () => import('./kudu.js'),
  'lemon-squeezy': () => import('./lemon-squeezy.js'),
  linear: () => import('./linear.js'),
  mailchimp: () => import('./mailchimp.js'),
  mailgun: () => import('./mailgun.js'),
  mandrill: () => import('./mandrill.js'),
  meta: () => import('./meta.js'),
  'microsoft-graph': () => import('./microsoft-graph.js'),
  'microsoft-teams': () => import('./microsoft-teams.js'),
  myget: () => import('./myget.js'),
  notion: () => import('./notion.js'),
  okta: () => import('./okta.js'),
  paddle: () => import('./paddle.js'),
  paypal: () => import('./paypal.js'),
  plaid: () => import('./plaid.js'),
  postmark: () => import('./postmark.js'),
  pusher: () => import('./pusher.js'),
  razorpay: () => import('./razorpay.js'),
  resend: () => import('./resend.js'),
  salesforce: () => import('./salesforce.js'),
  sendgrid: () => import('./sendgrid.js'),
  sentry: () => import('./sentry.js'),
  shopify: () => import('./shopify.js'),
  slack: () => import('./slack.js'),
  square: () => import('./square.js'),
  'standard-webhooks': () => import('./standard-webhooks.js'),
  stripe: () => import('./stripe.js'),
  trello: () => import('./trello.js'),
  twilio: () => import('./twilio.js'),
  twitch: () => import('./twitch.js'),
  typeform: () => import('./typeform.js'),
  vercel: () => import('./vercel.js'),
  woocommerce: () => import('./woocommerce.js'),
  wordpress: () => import('./wordpress.js'),
  xero: () => import('./xero.js'),
  zendesk: () => import('./zendesk.js'),
  zoom: () => import('./zoom.js'),
};

export const PROVIDERS: readonly string[] = Object.keys(loaders);

export async function loadProvider(name: string): Promise<ProviderSpec> {
  const loader = loaders[name];
  if (!loader) {
    throw new UsageError(
      `unknown provider "${name}". Run \`hookwire trigger --list\` for the ${PROVIDERS.length} providers.`,
    );
  }
  return (await loader()).default;
}
