import { WebhookConfigError } from '@hookwire/core';

/** What the page needs to know, handed to it in a `<meta>` tag (the CSP allows no inline script). */
export interface PageConfig {
  mode: 'console' | 'portal';
  /** Where the management API is mounted, e.g. `/api`. */
  apiBase: string;
  /** Whether the inbox's routes are mounted at `${apiBase}/inbox` (console only). */
  inbox: boolean;
  name: string;
  logoUrl?: string;
  colors?: PortalColors;
}

export interface PortalColors {
  /** Buttons, links and the active tab. */
  accent?: string;
  /** The page's background. */
  background?: string;
  /** The body text. */
  text?: string;
}

const COLOR = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}|(rgb|hsl)a?\([0-9., %]{5,40}\))$/;

/** Checks theme colours now, so a typo fails at start rather than as an invisible page. */
export function checkColors(colors: PortalColors | undefined): PortalColors | undefined {
  if (!colors) return undefined;
  for (const [name, value] of Object.entries(colors)) {
    if (value !== undefined && (typeof value !== 'string' || !COLOR.test(value))) {
      throw new WebhookConfigError(
        `Portal colour "${name}" must be a CSS colour such as #0b5fff, rgb(11, 95, 255) or teal; got ${JSON.stringify(value)}.`,
      );
    }
  }
  return colors;
}

const escapeAttribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The built index.html with the page's configuration and title put in. */
export function renderPage(template: string, config: PageConfig): string {
  const meta = `<meta name="hookwire-config" content="${escapeAttribute(JSON.stringify(config))}">`;
  return template
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeAttribute(config.name)}</title>`)
    .replace('</head>', `${meta}\n</head>`);
}

/** The Content-Security-Policy of the page: its own scripts and styles only, API calls to its own origin. */
export function contentSecurityPolicy(options: { frameAncestors: string[]; imageSources: string[] }): string {
  const ancestors = options.frameAncestors.length > 0 ? options.frameAncestors.join(' ') : "'none'";
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data:${options.imageSources.map((source) => ` ${source}`).join('')}`,
    "connect-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}
