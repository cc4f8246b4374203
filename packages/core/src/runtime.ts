import { WebhookConfigError } from './errors.js';

type NodeCrypto = typeof import('node:crypto');
type NodeBuffer = typeof import('node:buffer').Buffer;

// Chosen once, at import: `process.getBuiltinModule` (Node 20.16+, Bun, Deno) hands out node:crypto
// without a static import, so the same built file loads on runtimes that have no `node:` modules
// (Cloudflare Workers without nodejs_compat, browsers, edge functions), which use Web Crypto.
const getBuiltin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
  ?.getBuiltinModule;
const loaded = typeof getBuiltin === 'function' ? loadNode(getBuiltin) : undefined;

function loadNode(get: (id: string) => unknown): { crypto: NodeCrypto; Buffer: NodeBuffer } | undefined {
  try {
    const crypto = get('node:crypto') as NodeCrypto | undefined;
    const buffer = get('node:buffer') as { Buffer: NodeBuffer } | undefined;
    return crypto?.createHmac && buffer?.Buffer ? { crypto, Buffer: buffer.Buffer } : undefined;
  } catch {
    return undefined;
  }
}

/** node:crypto where the runtime has it; `undefined` on the Web Crypto path. */
export const nodeCrypto: NodeCrypto | undefined = loaded?.crypto;
/** Node's Buffer where the runtime has it; never used on the Web Crypto path. */
export const NodeBuffer: NodeBuffer | undefined = loaded?.Buffer;

/**
 * Which implementation signs and verifies: `node` (node:crypto, synchronous) or `web` (Web Crypto,
 * asynchronous). Decided once, when `@hookwire/core` is imported.
 */
export const cryptoPath: 'node' | 'web' = loaded ? 'node' : 'web';

/** node:crypto, or a clear error naming what needs it and what to use instead. */
export function requireNodeCrypto(what: string, instead?: string): NodeCrypto {
  if (nodeCrypto) return nodeCrypto;
  throw new WebhookConfigError(
    `${what} is synchronous and needs node:crypto, which this runtime lacks (it verifies with Web Crypto instead).${instead ? ` Use ${instead}, which works on every runtime.` : ' It is available on Node, Deno and Bun only.'}`,
  );
}
