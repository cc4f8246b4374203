// HubSpot's v3 instructions: decode exactly these percent-encodings in the URI before signing.
const V3_DECODED = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

/** The request URI as v3 signs it: scheme, host, path and query, with HubSpot's listed characters decoded. */
export function v3Uri(url: string): string {
  return url.replace(V3_DECODED, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
