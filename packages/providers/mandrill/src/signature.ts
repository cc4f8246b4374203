/**
 * Mandrill's signed data: the webhook URL, then each POST field sorted by name as name ‖ value, the
 * values URL-decoded, without separators. A repeated field counts once, with its last value (PHP's
 * `$_POST`, which Mandrill's reference code signs).
 */
export function mandrillSignedData(url: string, form: URLSearchParams): string {
  const fields = new Map<string, string>();
  for (const [name, value] of form) fields.set(name, value);
  let data = url;
  for (const name of [...fields.keys()].sort()) data += name + fields.get(name);
  return data;
}
