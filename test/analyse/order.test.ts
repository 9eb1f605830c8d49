/** stableOrder (src/analyse/order.ts) against a stable comparator sort of the same keys. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stableOrder } from '../../src/analyse/order.js';

const byKey = (keys: number[], start: number[]): number[] => [...start].sort((a, b) => keys[a]! - keys[b]!);

describe('stableOrder', () => {
  // Every 16-bit digit of a key up to 2^53 matters somewhere; few distinct values make ties common.
  const key = fc.oneof(
    fc.constantFrom(0, 1, 65_535, 65_536, 2 ** 32 - 1, 2 ** 32, 2 ** 48 + 7, 2 ** 53 - 1),
    fc.integer({ min: 0, max: 5 }),
    fc.maxSafeNat(),
  );

  it('orders by key, ties in the starting order', () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 120 }), fc.boolean(), (keys, shuffled) => {
        const positions = keys.map((_, position) => position);
        const start = shuffled ? [...positions].reverse() : positions;
        const order = stableOrder(Float64Array.from(keys), shuffled ? Int32Array.from(start) : undefined);
        expect([...order]).toEqual(byKey(keys, start));
      }),
      { numRuns: 500 },
    );
  });

  // Keys small enough to carry their place are sorted natively; the rest by the radix sort.
  it('orders thousands of small keys, and of large ones, the same way', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(40), { minLength: 2000, maxLength: 3000 }), fc.boolean(), (small, large) => {
        const keys = large ? small.map((key) => key * 2 ** 40) : small;
        const positions = keys.map((_, position) => position);
        const start = [...positions].sort((a, b) => (a * 7919) % keys.length - (b * 7919) % keys.length);
        expect([...stableOrder(Float64Array.from(keys), Int32Array.from(start))]).toEqual(byKey(keys, start));
        expect([...stableOrder(Float64Array.from(keys))]).toEqual(byKey(keys, positions));
      }),
      { numRuns: 20 },
    );
  });

  it('an empty list, and a list of one key', () => {
    expect([...stableOrder(new Float64Array(0))]).toEqual([]);
    expect([...stableOrder(Float64Array.from([3, 3, 3]))]).toEqual([0, 1, 2]);
  });
});
