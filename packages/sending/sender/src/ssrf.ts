import { promises as dns, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { SenderError } from './errors.js';

/** Resolves a host name to every address it has (the default uses the system resolver). */
export type Resolver = (hostname: string) => Promise<readonly { address: string; family: number }[]>;

export const systemResolver: Resolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

// Names that reach the machine itself or a cloud provider's metadata service, whatever DNS says.
const BLOCKED_NAMES = new Set([
  'localhost',
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
]);
const BLOCKED_SUFFIXES = ['.localhost', '.internal', '.local'];

/**
 * Why an address must not be reached, or `undefined` when it is a public unicast address.
 * IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 address it carries; IPv6 outside
 * global unicast 2000::/3 (IPv4-compatible `::a.b.c.d`, NAT64, 6to4 relays included) is refused.
 */
export function blockedAddressReason(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress())
    ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  if (ip.kind() === 'ipv6') {
    const first = (ip as ipaddr.IPv6).parts[0]!;
    if (range === 'unicast' && first >= 0x2000 && first <= 0x3fff) return undefined;
    return range === 'unicast' ? 'not global unicast' : range;
  }
  return range === 'unicast' ? undefined : range;
}

function describe(range: string): string {
  const words: Record<string, string> = {
    loopback: 'loopback',
    private: 'private (RFC 1918)',
    uniqueLocal: 'unique local (private IPv6)',
    linkLocal: 'link-local (cloud metadata lives here)',
    multicast: 'multicast',
    unspecified: 'unspecified',
    carrierGradeNat: 'carrier-grade NAT',
    broadcast: 'broadcast',
    reserved: 'reserved',
  };
  return words[range] ?? range;
}

function blockedError(message: string): SenderError {
  return new SenderError('blocked_address', message, { field: 'url' });
}

export interface AddressGuardOptions {
  /** Lets URLs and deliveries reach loopback and private networks: local development only. */
  allowPrivateNetwork?: boolean;
  /** Replaces the system resolver (tests, custom DNS). */
  resolve?: Resolver;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * Server-side request forgery guard. URLs are checked when a subscription is registered, and every
 * connection is checked again on the address it actually goes to: `lookup` replaces the DNS
 * look-up of undici's connector, vets every address the name resolves to and hands back only
 * those, so a name that resolves to a public address at registration and to 127.0.0.1 later
 * (DNS rebinding) is refused at connect time.
 */
export class AddressGuard {
  readonly allowPrivateNetwork: boolean;
  private readonly resolve: Resolver;

  constructor(options: AddressGuardOptions = {}) {
    this.allowPrivateNetwork = options.allowPrivateNetwork === true;
    this.resolve = options.resolve ?? systemResolver;
  }

  /**
   * Synchronous part of the check: blocked names and IP literals in any spelling (the WHATWG URL
   * parser has already turned `2130706433`, `0177.0.0.1` and `0x7f.1` into `127.0.0.1`).
   * Throws a `blocked_address` SenderError.
   */
  checkHost(hostname: string): void {
    if (this.allowPrivateNetwork) return;
    const host = hostname
      .replace(/^\[|\]$/g, '')
      .replace(/\.$/, '')
      .toLowerCase();
    if (isIP(host) !== 0) {
      const reason = blockedAddressReason(host);
      if (reason)
        throw blockedError(
          `The address ${host} is ${describe(reason)}; webhooks may only go to public addresses.`,
        );
      return;
    }
    if (BLOCKED_NAMES.has(host) || BLOCKED_SUFFIXES.some((suffix) => host.endsWith(suffix))) {
      throw blockedError(
        `The host "${host}" is a local or metadata name; webhooks may only go to public addresses.`,
      );
    }
  }

  /** Full registration-time check: the host, then every address its name resolves to. */
  async checkUrl(url: string): Promise<void> {
    if (this.allowPrivateNetwork) return;
    const { hostname } = new URL(url);
    this.checkHost(hostname);
    const host = hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) !== 0) return;
    await this.vettedAddresses(host);
  }

  /** Resolves and checks; every address must be public (one bad address refuses the name). */
  async vettedAddresses(hostname: string): Promise<{ address: string; family: number }[]> {
    this.checkHost(hostname);
    let addresses: readonly { address: string; family: number }[];
    try {
      addresses = await this.resolve(hostname);
    } catch (cause) {
      throw new SenderError('blocked_address', `The host "${hostname}" does not resolve.`, {
        field: 'url',
        cause,
      });
    }
    if (addresses.length === 0) throw blockedError(`The host "${hostname}" does not resolve.`);
    for (const { address } of addresses) {
      const reason = blockedAddressReason(address);
      if (reason) {
        throw blockedError(
          `The host "${hostname}" resolves to ${address}, a ${describe(reason)} address; webhooks may only go to public addresses.`,
        );
      }
    }
    return addresses.map(({ address, family }) => ({ address, family }));
  }

  /** A `lookup` for `net.connect` (undici's `connect` option) that connects only to vetted addresses. */
  readonly lookup = (hostname: string, options: unknown, callback?: LookupCallback): void => {
    const done = (typeof options === 'function' ? options : callback) as LookupCallback;
    const opts = (typeof options === 'object' && options !== null ? options : {}) as {
      all?: boolean;
      family?: number;
    };
    this.vettedAddresses(hostname).then(
      (addresses) => {
        const wanted =
          opts.family === 4 || opts.family === 6
            ? addresses.filter((a) => a.family === opts.family)
            : addresses;
        if (wanted.length === 0) {
          const error: NodeJS.ErrnoException = new Error(`No IPv${opts.family} address for ${hostname}`);
          error.code = 'ENOTFOUND';
          done(error, []);
        } else if (opts.all) done(null, wanted);
        else done(null, wanted[0]!.address, wanted[0]!.family);
      },
      (error: Error) => {
        const failure: NodeJS.ErrnoException = error;
        failure.code ??= 'EHOSTBLOCKED';
        done(failure, []);
      },
    );
  };
}
