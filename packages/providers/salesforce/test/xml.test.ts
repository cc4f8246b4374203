import { WebhookError } from '@hookwire/core';
import { describe, expect, it } from 'vitest';
import { parseXml } from '../src/xml.js';

describe('the SOAP XML reader', () => {
  it('resolves default and prefixed namespaces per scope, and attributes', () => {
    const root = parseXml(
      `<?xml version='1.0'?><!-- c --><a:r xmlns:a="urn:a" xmlns="urn:d"><b k='v' a:n="1"/><a:c xmlns:a="urn:other"><d/></a:c></a:r>`,
    );
    expect([root.local, root.namespace]).toEqual(['r', 'urn:a']);
    const [b, c] = root.children;
    expect([b!.local, b!.namespace]).toEqual(['b', 'urn:d']);
    expect(b!.attributes.map((a) => [a.local, a.namespace, a.value])).toEqual([
      ['k', undefined, 'v'],
      ['n', 'urn:a', '1'],
    ]);
    expect([c!.namespace, c!.children[0]!.namespace]).toEqual(['urn:other', 'urn:d']);
  });

  it('decodes the predefined entities and character references, and keeps CDATA verbatim', () => {
    const root = parseXml(
      '<r t="&quot;&#x41;&#66;">&lt;&gt;&amp;&apos;&#233;&#x1F600;<![CDATA[&amp;<x>]]></r>',
    );
    expect(root.text).toBe(`<>&'é😀&amp;<x>`);
    expect(root.attributes[0]!.value).toBe('"AB');
  });

  it('refuses what a SOAP message never needs', () => {
    const bad = [
      '<!DOCTYPE r><r/>',
      '<r>&ent;</r>',
      '<r>&#0;</r>',
      '<r>&#xD800;</r>',
      '<r>a & b</r>',
      '<r a="1" a="2"/>',
      '<r a=1/>',
      '<r a="<"/>',
      '<p:r/>',
      '<r></s>',
      '<r>',
      '<r/><r/>',
      'text<r/>',
      '<r/>text',
      '<1r/>',
      '',
    ];
    for (const xml of bad) {
      expect(() => parseXml(xml), xml).toThrow(WebhookError);
    }
  });
});
