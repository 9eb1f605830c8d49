/** ByteKeys and CaseKeys (src/read/byte-keys.ts): ASCII text looked up from bytes, as a Map would look it up from strings. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ByteKeys, CaseKeys, DigitKeys, type KeyFinder } from '../../src/read/byte-keys.js';

const bytesOf = (text: string): Buffer => Buffer.from(text, 'latin1');
const find = (keys: KeyFinder, text: string): number => keys.find(bytesOf(text), 0, text.length);

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

describe('CaseKeys.finder', () => {
  const placed = (crns: string[]): CaseKeys => {
    const keys = new CaseKeys();
    crns.forEach((crn) => keys.place(crn));
    return keys;
  };

  it('finds crns of one shape (a prefix, then a fixed count of digits) by number, as the hash table finds them', () => {
    const keys = placed(['X1000237', 'X1000002', 'X1000237', 'X0999999', 'X1000500']);
    expect(keys.finder).toBeInstanceOf(DigitKeys);
    const probes = ['X1000237', 'X1000002', 'X0999999', 'X1000500', 'X1000003', 'X1000501', 'X0999998', 'X2000000', 'Y1000237', 'X100023', 'X10002370', 'X10002a7', 'x1000237', ' X1000237', ''];
    expect(probes.map((crn) => find(keys.finder, crn))).toEqual(probes.map((crn) => find(keys.bytes, crn)));
    expect(probes.slice(0, 4).map((crn) => find(keys.finder, crn))).toEqual([0, 1, 2, 3]);
    // Inside a row, as a contact's crn is found.
    expect(keys.finder.find(bytesOf('X1000500,2026-01-01'), 0, 8)).toBe(3);
  });

  it('keeps the hash table when the crns do not share a shape, or are spread too thin for an array', () => {
    for (const crns of [['X1', 'X22'], ['X1', 'Y2'], ['X1', 'X1A'], ['CRN', 'CRO'], ['X1234567890'], ['X000000001', 'X999999999']]) {
      const keys = placed(crns);
      expect(keys.finder, crns.join(' ')).toBe(keys.bytes);
      expect(crns.map((crn) => find(keys.finder, crn))).toEqual(crns.map((_, at) => at));
    }
  });

  it('leaves a crn that is not ASCII to the text lookup, whatever the others are', () => {
    const keys = placed(['X10', 'Zoë', 'X11']);
    expect(keys.finder).toBeInstanceOf(DigitKeys);
    expect([find(keys.finder, 'X10'), find(keys.finder, 'X11'), keys.get('Zoë')]).toEqual([0, 2, 1]);
  });

  it('answers as the hash table does for any crns and any probe', () => {
    const crn = fc.oneof(fc.integer({ min: 0, max: 2_000 }).map((n) => `X${String(n).padStart(5, '0')}`), fc.constantFrom('X00012', 'Y00001', 'X0001a', '', 'Zoë'));
    fc.assert(
      fc.property(fc.array(crn, { maxLength: 40 }), fc.array(crn, { maxLength: 20 }), (crns, probes) => {
        const keys = placed(crns);
        for (const probe of [...crns, ...probes]) expect(find(keys.finder, probe)).toBe(find(keys.bytes, probe));
      }),
    );
  });

  it('is made again when a crn is placed after it was asked for', () => {
    const keys = placed(['X10']);
    expect(find(keys.finder, 'X11')).toBe(-1);
    keys.place('X11');
    expect(find(keys.finder, 'X11')).toBe(1);
  });
});
