/**
 * The signed form of POST parameters: names sorted, each `name‖value` with no separator. Repeated
 * values of one name are de-duplicated and sorted, as twilio-node does.
 */
export function sortedParamString(form: URLSearchParams): string {
  let data = '';
  for (const name of [...new Set(form.keys())].sort()) {
    const values = form.getAll(name);
    for (const value of values.length > 1 ? [...new Set(values)].sort() : values) data += name + value;
  }
  return data;
}
