import { decodeBase64 } from './encoding.js';
import { WebhookConfigError } from './errors.js';
import { normalizeSecrets } from './secrets.js';

const STANDARD_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Normalises a `secret` option whose value is base64 text of the key bytes, and decodes it. The
 * usual mistake is keying the HMAC with the text itself; `hint` says where the right value is.
 */
export function decodeBase64Secrets(
  secret: string | readonly string[] | undefined,
  provider: string,
  hint: string,
): Buffer[] {
  const secrets = normalizeSecrets(secret, provider);
  return secrets.map((text, index) => {
    const key = STANDARD_BASE64.test(text) ? decodeBase64(text) : undefined;
    if (!key || key.length === 0) {
      const which = secrets.length > 1 ? ` #${index + 1}` : '';
      throw new WebhookConfigError(`${provider}: secret${which} is not base64. ${hint}`);
    }
    return key;
  });
}
