import { WebhookError } from '@hookwire/core';

/**
 * A minimal, safe XML reader for SOAP envelopes: elements, attributes, namespaces, text, CDATA,
 * comments and the five predefined entities plus character references. A DOCTYPE (and with it
 * every entity declaration) is refused, so neither external entities (XXE) nor entity expansion
 * ("billion laughs") can happen. Nothing is fetched, nothing is evaluated.
 */
export interface XmlAttribute {
  local: string;
  namespace: string | undefined;
  value: string;
}

export interface XmlElement {
  local: string;
  namespace: string | undefined;
  attributes: XmlAttribute[];
  children: XmlElement[];
  /** Text and CDATA content directly inside this element, entities decoded. */
  text: string;
}

const MAX_DEPTH = 64;
const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;
const XMLNS = 'http://www.w3.org/2000/xmlns/';
const XML = 'http://www.w3.org/XML/1998/namespace';

interface Open {
  element: XmlElement;
  qname: string;
  scope: Map<string, string>;
}

export function parseXml(source: string): XmlElement {
  const stack: Open[] = [];
  let root: XmlElement | undefined;
  let i = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const text = source.slice(i, lt === -1 ? source.length : lt);
    if (text !== '') addText(stack, decodeEntities(text));
    if (lt === -1) break;
    if (source.startsWith('<?', lt)) {
      i = after(source, '?>', lt);
    } else if (source.startsWith('<!--', lt)) {
      i = after(source, '-->', lt);
    } else if (source.startsWith('<![CDATA[', lt)) {
      const end = after(source, ']]>', lt);
      if (stack.length === 0) fail('CDATA outside the root element');
      addText(stack, source.slice(lt + 9, end - 3));
      i = end;
    } else if (source.startsWith('<!', lt)) {
      fail('a DOCTYPE or declaration; they are refused');
    } else if (source.startsWith('</', lt)) {
      const end = after(source, '>', lt);
      const qname = source.slice(lt + 2, end - 1).trim();
      const open = stack.pop();
      if (!open || open.qname !== qname) fail(`a closing tag </${qname}> that does not match`);
      i = end;
    } else {
      if (stack.length === 0 && root) fail('a second root element');
      const opened = openTag(source, lt, stack);
      root ??= opened.element;
      i = opened.end;
    }
  }
  if (stack.length > 0 || !root) fail(stack.length > 0 ? 'an unclosed element' : 'no root element');
  return root;
}

const TAG_NAME = /[^\s/>]*/y;
const SPACE = /\s*/y;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;

/** Reads `<name attr="v" …>` or `<name …/>`, pushing it unless it closes itself. */
function openTag(source: string, lt: number, stack: Open[]): { element: XmlElement; end: number } {
  const qname = match(TAG_NAME, source, lt + 1)![0];
  if (!NAME.test(qname)) fail('an invalid element name');
  let i = lt + 1 + qname.length;
  const raw: [string, string][] = [];
  for (;;) {
    i += match(SPACE, source, i)![0].length;
    if (i >= source.length) fail('an unterminated tag');
    if (source[i] === '>' || source.startsWith('/>', i)) break;
    const attribute = match(ATTRIBUTE, source, i);
    if (!attribute) fail('an attribute that is not name="value" (or has "<" in its value)');
    const name = attribute[1]!;
    if (!NAME.test(name)) fail('an invalid attribute name');
    if (raw.some(([seen]) => seen === name)) fail('a repeated attribute');
    raw.push([name, decodeEntities(attribute[2] ?? attribute[3]!)]);
    i += attribute[0].length;
  }
  const selfClosing = source[i] === '/';
  const parent = stack[stack.length - 1];
  if (stack.length >= MAX_DEPTH) fail(`elements nested deeper than ${MAX_DEPTH}`);
  const scope = scopeOf(parent?.scope, raw);
  const attributes = raw.map(([name, value]): XmlAttribute => {
    if (name === 'xmlns' || name.startsWith('xmlns:')) return { local: name, namespace: XMLNS, value };
    const { local, namespace } = resolve(name, scope, false);
    return { local, namespace, value };
  });
  const { local, namespace } = resolve(qname, scope, true);
  const element: XmlElement = { local, namespace, attributes, children: [], text: '' };
  parent?.element.children.push(element);
  if (!selfClosing) stack.push({ element, qname, scope });
  return { element, end: i + (selfClosing ? 2 : 1) };
}

/** The parent's prefix map, copied only when this element declares namespaces of its own. */
function scopeOf(inherited: Map<string, string> | undefined, raw: [string, string][]): Map<string, string> {
  const declarations = raw.filter(([name]) => name === 'xmlns' || name.startsWith('xmlns:'));
  if (inherited && declarations.length === 0) return inherited;
  const scope = new Map(inherited ?? [['xml', XML]]);
  for (const [name, value] of declarations) scope.set(name === 'xmlns' ? '' : name.slice(6), value);
  return scope;
}

/** Runs a sticky pattern at `at`; `null` when it does not match there. */
function match(pattern: RegExp, source: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(source);
}

function resolve(qname: string, scope: Map<string, string>, isElement: boolean) {
  const colon = qname.indexOf(':');
  if (colon === -1) return { local: qname, namespace: isElement ? scope.get('') || undefined : undefined };
  const prefix = qname.slice(0, colon);
  const namespace = scope.get(prefix);
  if (namespace === undefined) fail(`an undeclared namespace prefix "${prefix}"`);
  return { local: qname.slice(colon + 1), namespace };
}

function addText(stack: Open[], text: string): void {
  const top = stack[stack.length - 1];
  if (top) top.element.text += text;
  else if (text.trim() !== '') fail('text outside the root element');
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&\s]{0,10});?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) fail('a bare "&"');
    const named = ENTITIES[name];
    if (named !== undefined) return named;
    const code = /^#x[0-9a-fA-F]{1,6}$/.test(name)
      ? Number.parseInt(name.slice(2), 16)
      : /^#\d{1,7}$/.test(name)
        ? Number(name.slice(1))
        : undefined;
    if (code === undefined || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      fail('an unknown entity (entities cannot be declared here)');
    }
    return String.fromCodePoint(code);
  });
}

/** Escapes text for element content or a quoted attribute value. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function after(source: string, token: string, from: number): number {
  const at = source.indexOf(token, from);
  if (at === -1) fail(`an unterminated construct (no "${token}")`);
  return at + token.length;
}

function fail(what: string): never {
  throw new WebhookError(
    'malformed_body',
    `The Salesforce SOAP body is not well-formed XML: it has ${what}.`,
  );
}
