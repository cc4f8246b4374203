export {
  type AdapterOptions,
  adapterErrorResponse,
  answerWebhook,
  assertRequestHandler,
  bodyTooLarge,
  DEFAULT_MAX_BODY_SIZE,
  declaresBodyOver,
  prepareAdapter,
  type RequestUrlResolver,
  type ResolvedAdapterOptions,
  resolveAdapterOptions,
} from './adapter.js';
export { decodeBase64Secrets } from './base64-secret.js';
export { bodyText, isRecord, parseFormBody, parseJsonBody, requireString } from './body.js';
export {
  type CodeRequestInput,
  type CodeRequestParts,
  createCodeRequest,
  normalizeCodes,
  verifyCodeParameter,
} from './code.js';
export {
  type CodeProviderDefinition,
  type CodeReceiverOptions,
  defineCodeProvider,
} from './code-provider.js';
export { timingSafeEqual } from './compare.js';
export { createMemoryDedupeStore, type DedupeStore, type MemoryDedupeOptions } from './dedupe.js';
export {
  ed25519PrivateKey,
  ed25519PublicKey,
  ed25519RawPublicKey,
  ed25519Sign,
  ed25519Verify,
} from './ed25519.js';
export { decodeBase64, decodeHex, decodeSignature, type SignatureEncoding, toBytes } from './encoding.js';
export { isWebhookError, WebhookConfigError, WebhookError, type WebhookErrorCode } from './errors.js';
export { candidateFilters, matchesAnyFilter, matchesEventFilter, validateEventFilter } from './filters.js';
export { contentType, getHeader, normalizeHeaders, requireHeader } from './headers.js';
export {
  type HmacAlgorithm,
  hmac,
  hmacAsync,
  hmacBase64,
  hmacHex,
  type Key,
  signatureMismatch,
  type VerifyHmacOptions,
  verifyHmac,
} from './hmac.js';
export { isLocalUrl, requireHttps } from './https.js';
export { createHub, type HubConfig, type HubRoute, isHub, WebhookHub } from './hub.js';
export { leaseToken, timeOrderedId } from './ids.js';
export { type JsonEventSpec, jsonEventParser, record } from './json-event.js';
export { parseJsonObject } from './json-object.js';
export {
  checkPublicUrl,
  type PublicUrl,
  parsePublicBase,
  publicRequestUrl,
  rebaseUrl,
} from './public-url.js';
export {
  type BaseReceiverOptions,
  defineProvider,
  type ErrorHandler,
  type EventHandler,
  type EventMap,
  type ParsedEvent,
  type ParseOutcome,
  type PrefixPayload,
  type ProviderContext,
  type ProviderDefinition,
  Receiver,
} from './receiver.js';
export {
  createWebhookRequest,
  jsonResponse,
  searchParams,
  textResponse,
  type WebhookRequestInit,
} from './request.js';
export { errorResponse, isWebhookResponse, webhookErrorResponse } from './response.js';
export { DEFAULT_RETRY_SCHEDULE, parseRetrySchedule, type RetryDelayOptions, retryDelayMs } from './retry.js';
export { cryptoPath } from './runtime.js';
export { normalizeSecrets } from './secrets.js';
export {
  readSignatureHeader,
  type SignatureHeaderOptions,
  verifySignatureHeader,
} from './signature-header.js';
export {
  defineSignedProvider,
  type SecretReceiverOptions,
  type SecretState,
  type SignatureSpec,
  type SignedProviderDefinition,
} from './signed-provider.js';
export { createHmacSignedRequest, type HmacSigning, type SignerInput } from './signed-request.js';
export {
  decodeStandardSecret,
  generateStandardKeyPair,
  generateStandardSecret,
  type StandardSignInput,
  type StandardVerifyInput,
  signStandardWebhook,
  signStandardWebhookAsync,
  standardPublicKeyOf,
  verifyStandardWebhook,
} from './standard-webhooks.js';
export {
  checkSignedTimestamp,
  checkTimestamp,
  parseUnixSeconds,
  type TimestampCheck,
  type TimestampWindow,
  timestampWindow,
} from './timestamp.js';
export type {
  ReceiveResult,
  RequestHandler,
  WebhookEvent,
  WebhookHeaders,
  WebhookRequest,
  WebhookResponse,
} from './types.js';
