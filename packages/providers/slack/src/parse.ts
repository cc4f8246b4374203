import {
  bodyText,
  contentType,
  getHeader,
  isRecord,
  jsonResponse,
  type ParsedEvent,
  type ParseOutcome,
  parseJsonBody,
  requireString,
  timingSafeEqual,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';

export interface SlackState {
  secrets: string[];
  verificationTokens: string[] | undefined;
}

/**
 * Reads a verified Slack request. Events API envelopes are named by `event.type` (`app_mention`),
 * slash commands by the command itself (`/deploy`), interactivity by its `type` (`block_actions`);
 * `url_verification` and `ssl_check` are answered here, after the signature was checked.
 */
export function parseSlackRequest(request: WebhookRequest, state: SlackState): ParseOutcome {
  if (contentType(request) === 'application/x-www-form-urlencoded') return parseForm(request, state);
  const body = parseJsonBody(request, 'Slack');
  if (!isRecord(body))
    throw new WebhookError('malformed_body', 'The Slack request body is not a JSON object.');
  checkToken(body.token, state);
  const type = requireString(body.type, 'type', 'Slack');
  if (type === 'url_verification') {
    return {
      response: jsonResponse(200, { challenge: requireString(body.challenge, 'challenge', 'Slack') }),
    };
  }
  if (type !== 'event_callback') return event(request, type, 'event', body);
  const inner = isRecord(body.event) ? body.event : undefined;
  return event(request, requireString(inner?.type, 'event.type', 'Slack'), 'event', body, body.event_id);
}

function parseForm(request: WebhookRequest, state: SlackState): ParseOutcome {
  const form = new URLSearchParams(bodyText(request));
  const payload = form.get('payload');
  if (payload !== null) {
    const interaction = parseInteraction(payload);
    checkToken(interaction.token, state);
    return event(
      request,
      requireString(interaction.type, 'payload.type', 'Slack'),
      'interactivity',
      interaction,
    );
  }
  checkToken(form.get('token') ?? undefined, state);
  // Slack checks the certificate of a slash command URL with a signed `ssl_check=1` POST.
  if (form.get('ssl_check') === '1') return { response: { status: 200 } };
  const command = form.get('command');
  if (!command) {
    throw new WebhookError(
      'malformed_body',
      'The Slack form body has neither a `command` (slash command) nor a `payload` (interactivity).',
    );
  }
  return event(request, command, 'command', Object.fromEntries(form));
}

function parseInteraction(json: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (cause) {
    throw new WebhookError('malformed_body', 'The Slack `payload` form field is not valid JSON.', { cause });
  }
  if (!isRecord(value)) throw new WebhookError('malformed_body', 'The Slack `payload` is not a JSON object.');
  return value;
}

function event(
  request: WebhookRequest,
  name: string,
  kind: 'event' | 'command' | 'interactivity',
  payload: Record<string, unknown>,
  id?: unknown,
): ParsedEvent {
  const retryNum = getHeader(request, 'X-Slack-Retry-Num');
  const team = isRecord(payload.team) ? payload.team.id : undefined;
  return {
    name,
    id: typeof id === 'string' ? id : undefined,
    payload,
    meta: {
      kind,
      teamId: payload.team_id ?? team,
      apiAppId: payload.api_app_id,
      retryNum: retryNum === undefined ? undefined : Number(retryNum),
      retryReason: getHeader(request, 'X-Slack-Retry-Reason'),
    },
  };
}

function checkToken(token: unknown, state: SlackState): void {
  if (!state.verificationTokens) return;
  if (typeof token !== 'string' || !state.verificationTokens.some((known) => timingSafeEqual(known, token))) {
    throw new WebhookError(
      'unauthorized',
      'The verification token in the Slack request body does not match `verificationToken`. It is deprecated: remove the option to rely on the signing secret alone.',
    );
  }
}
