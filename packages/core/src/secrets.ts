import { WebhookConfigError } from './errors.js';

/**
 * Normalises the `secret` option (one string, or several during a rotation) and catches the usual
 * configuration slips early, at construction time, without ever echoing the secret.
 */
export function normalizeSecrets(secret: string | readonly string[] | undefined, provider: string): string[] {
  if (secret === undefined) {
    throw new WebhookConfigError(`${provider}: the \`secret\` option is required.`);
  }
  const secrets = typeof secret === 'string' ? [secret] : [...secret];
  if (secrets.length === 0) {
    throw new WebhookConfigError(`${provider}: \`secret\` is an empty array; give at least one secret.`);
  }
  secrets.forEach((value, index) => {
    const which = secrets.length > 1 ? ` #${index + 1}` : '';
    if (typeof value !== 'string' || value.length === 0) {
      throw new WebhookConfigError(`${provider}: secret${which} is empty or not a string.`);
    }
    if (value.trim() !== value) {
      throw new WebhookConfigError(
        `${provider}: secret${which} has leading or trailing whitespace (often a newline from an environment file); trim it.`,
      );
    }
  });
  return secrets;
}
