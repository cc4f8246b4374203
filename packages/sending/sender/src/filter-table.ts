import type { PayloadFilter } from './payload-filter.js';

/**
 * Payloads × filters with the expected outcome of each pair: the unit tests of the filter language
 * and the store conformance suite (filters must come back from every store matching the same) share it.
 */
export const FILTER_PAYLOADS: readonly { name: string; data: unknown }[] = [
  {
    name: 'eur order',
    data: {
      total: 150,
      currency: 'EUR',
      customer: { country: 'DE', tags: ['vip', 'b2b'] },
      items: [
        { sku: 'A-1', qty: 2 },
        { sku: 'B-2', qty: 1 },
      ],
      note: null,
    },
  },
  {
    name: 'usd order',
    data: {
      total: 99.5,
      currency: 'USD',
      customer: { country: 'US', tags: [] },
      items: [{ sku: 'B-2', qty: 5 }],
    },
  },
  { name: 'strings', data: { total: '150', currency: 'eur' } },
  { name: 'null', data: null },
  { name: 'other', data: { a: 1 } },
];

/** `expected[i]`: whether the filter matches `FILTER_PAYLOADS[i]`. */
export const FILTER_TABLE: readonly { filter: PayloadFilter; expected: readonly boolean[] }[] = [
  { filter: {}, expected: [true, true, true, true, true] },
  { filter: { total: { $gte: 100 } }, expected: [true, false, false, false, false] },
  { filter: { currency: 'EUR' }, expected: [true, false, false, false, false] },
  { filter: { currency: { $eq: 'USD' } }, expected: [false, true, false, false, false] },
  { filter: { currency: { $in: ['EUR', 'USD'] } }, expected: [true, true, false, false, false] },
  { filter: { currency: { $nin: ['EUR'] } }, expected: [false, true, true, true, true] },
  { filter: { 'customer.country': { $neq: 'US' } }, expected: [true, false, true, true, true] },
  { filter: { 'customer.tags': 'vip' }, expected: [true, false, false, false, false] },
  { filter: { 'customer.tags': { $in: ['b2b', 'x'] } }, expected: [true, false, false, false, false] },
  { filter: { 'items.sku': 'B-2' }, expected: [true, true, false, false, false] },
  { filter: { 'items.0.sku': { $prefix: 'A-' } }, expected: [true, false, false, false, false] },
  { filter: { 'items.1.qty': 1 }, expected: [true, false, false, false, false] },
  { filter: { note: { $exists: true } }, expected: [true, false, false, false, false] },
  { filter: { note: { $exists: false } }, expected: [false, true, true, true, true] },
  {
    filter: { $or: [{ total: { $lt: 100 } }, { 'customer.country': 'DE' }] },
    expected: [true, true, false, false, false],
  },
  {
    filter: { $and: [{ currency: 'EUR' }, { 'items.qty': { $gt: 1 } }] },
    expected: [true, false, false, false, false],
  },
  { filter: { $not: { currency: 'EUR' } }, expected: [false, true, true, true, true] },
  { filter: { total: { $not: { $gte: 100 } } }, expected: [false, true, true, true, true] },
  { filter: { total: { $gt: 100, $lte: 150 } }, expected: [true, false, false, false, false] },
  { filter: { currency: { $gte: 'E', $lt: 'F' } }, expected: [true, false, false, false, false] },
  { filter: { total: { $lte: '150' } }, expected: [false, false, true, false, false] },
  { filter: { constructor: { $exists: true } }, expected: [false, false, false, false, false] },
  { filter: { 'a.toString': { $exists: true } }, expected: [false, false, false, false, false] },
  { filter: { currency: { $prefix: '.*' } }, expected: [false, false, false, false, false] },
  { filter: { a: 1, currency: { $exists: false } }, expected: [false, false, false, false, true] },
];
