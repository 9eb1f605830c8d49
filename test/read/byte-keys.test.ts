/** ByteKeys and CaseKeys (src/read/byte-keys.ts): ASCII text looked up from bytes, as a Map would look it up from strings. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ByteKeys, CaseKeys } from '../../src/read/byte-keys.js';

const bytesOf = (text: string): Buffer => Buffer.from(text, 'latin1');
const find = (keys: ByteKeys, text: string): number => keys.find(bytesOf(text), 0, text.length);

describe('ByteKeys', () => {
  it('finds each key by its bytes, inside a larger buffer too, and nothing else', () => {
    const keys = new ByteKeys();
    keys.add('X1', 0);
    keys.add('X10', 1);
    keys.add('X100000000000', 2); // longer than a slot holds
    keys.add('', 3);
    expect([find(keys, 'X1'), find(keys, 'X10'), find(keys, 'X100000000000'), find(keys, '')]).toEqual([0, 1, 2, 3]);
    // Prefixes, extensions and a key differing only past the eighth byte are other keys.
    expect([find(keys, 'X'), find(keys, 'X100'), find(keys, 'X100000000001'), find(keys, 'x1')]).toEqual([-1, -1, -1, -1]);
    const row = bytesOf('a,X10,b');
    expect(keys.find(row, 2, 5)).toBe(1);
  });

  it('keeps the first value of a key added twice, and refuses a key that is not ASCII', () => {
    const keys = new ByteKeys();
    expect(keys.add('X1', 5)).toBe(5);
    expect(keys.add('X1', 6)).toBe(5);
    expect(find(keys, 'X1')).toBe(5);
    expect(keys.add('José', 7)).toBe(-1);
    expect(keys.size).toBe(1);
    expect([keys.findText('X1'), keys.findText('X2'), keys.findText('José')]).toEqual([5, -1, -1]);
  });

  it('grows past its first size and finds every key after', () => {
    const keys = new ByteKeys(4);
    const texts = Array.from({ length: 5_000 }, (_, at) => (at % 3 === 0 ? `CASE-REFERENCE-${at}` : `X${at}`));
    texts.forEach((text, at) => keys.add(text, at));
    expect(keys.size).toBe(texts.length);
    expect(texts.every((text, at) => find(keys, text) === at)).toBe(true);
    expect(find(keys, 'X5000')).toBe(-1);
  });
});

describe('CaseKeys', () => {
  it('gives each crn its first place, as a Map of first places does, ASCII or not', () => {
    fc.assert(
      // Sized for none, too few, or more than come: the guess only saves growing.
      fc.property(fc.array(fc.constantFrom('X1', 'X2', 'X10', 'José', 'Zoë', 'X100000000000', 'x1'), { maxLength: 30 }), fc.constantFrom(undefined, 0, 2, 1000), (crns, expected) => {
        const keys = new CaseKeys(expected);
        const map = new Map<string, number>();
        for (const crn of crns) {
          if (!map.has(crn)) map.set(crn, map.size);
          expect(keys.place(crn)).toBe(map.get(crn));
        }
        expect(keys.size).toBe(map.size);
        for (const crn of ['X1', 'X2', 'X10', 'José', 'Zoë', 'X100000000000', 'x1', 'X3']) expect(keys.get(crn)).toBe(map.get(crn));
        // Only ASCII crns are found from bytes.
        expect(find(keys.bytes, 'X1')).toBe(map.get('X1') ?? -1);
      }),
    );
  });

  it('has one digest for one order: the same crns in another order, or another crn, change it', () => {
    const digest = (crns: string[]): string => {
      const keys = new CaseKeys();
      crns.forEach((crn) => keys.place(crn));
      return keys.digest;
    };
    expect(digest(['X1', 'X2', 'X1'])).toBe(digest(['X1', 'X2']));
    expect(digest(['X1', 'X2'])).not.toBe(digest(['X2', 'X1']));
    expect(digest(['X1', 'X2'])).not.toBe(digest(['X1', 'X3']));
    expect(digest(['X1', 'X2'])).not.toBe(digest(['X1', 'X2', 'José']));
    expect(digest([])).toBe('0:811c9dc5');
  });
});
