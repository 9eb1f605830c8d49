/** ByteKeys and CaseKeys (src/read/byte-keys.ts): ASCII text looked up from bytes, as a Map would look it up from strings. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ByteKeys, CaseKeys, type KeyFinder } from '../../src/read/byte-keys.js';

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
        expect(find(keys.finder, 'X1')).toBe(map.get('X1') ?? -1);
        expect(find(keys.finder, 'Zoë')).toBe(-1);
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

describe('CaseKeys by number (crns of one shape) and by hash', () => {
  const placed = (crns: string[]): CaseKeys => {
    const keys = new CaseKeys();
    crns.forEach((crn) => keys.place(crn));
    return keys;
  };
  /** What a Map of first places says, for every crn and probe, by text and (ASCII ones) from bytes. */
  const agreesWithMap = (crns: string[], probes: string[]): void => {
    const keys = new CaseKeys();
    const map = new Map<string, number>();
    for (const crn of crns) {
      if (!map.has(crn)) map.set(crn, map.size);
      expect(keys.place(crn), crn).toBe(map.get(crn));
    }
    for (const probe of [...crns, ...probes]) {
      expect(keys.get(probe), probe).toBe(map.get(probe));
      if (/^[\x00-\x7f]*$/.test(probe)) expect(find(keys.finder, probe), probe).toBe(map.get(probe) ?? -1);
    }
  };

  it('finds crns of one shape (a prefix, then a fixed count of digits), in any order, and nothing else', () => {
    const crns = ['X1000237', 'X1000002', 'X1000237', 'X0999999', 'X1000500', 'X0000000'];
    agreesWithMap(crns, ['X1000003', 'X1000501', 'X0999998', 'X2000000', 'Y1000237', 'X100023', 'X10002370', 'X10002a7', 'x1000237', ' X1000237', '']);
    // Inside a row, as a contact's crn is found.
    expect(placed(crns).finder.find(bytesOf('X1000500,2026-01-01'), 0, 8)).toBe(3);
  });

  it('grows its array either way: crns ascending, descending, or from the middle out', () => {
    const numbers = Array.from({ length: 5_000 }, (_, at) => `X${String(100_000 + at * 3).padStart(7, '0')}`);
    const middleOut = numbers.map((_, at) => numbers[(at % 2 === 0 ? 2_500 + at / 2 : 2_500 - (at + 1) / 2)]!);
    for (const order of [numbers, [...numbers].reverse(), middleOut]) agreesWithMap(order, ['X0100001', 'X0099999', 'X0115000']);
  });

  it('moves every crn into the hash table when one has another shape, or lies too far from the rest', () => {
    const cases = [
      ['X1', 'X2', 'X22', 'X3'], // another length
      ['X1', 'X2', 'Y3', 'X4'], // another prefix
      ['X1', 'X1A', 'X2'], // a letter among the digits
      ['CRN', 'CRO'], // no digits at all
      ['X1234567890', 'X1234567891'], // more digits than an int32 holds
      ['X000000001', 'X000000002', 'X999999999', 'X000000003'], // too far apart for an array
    ];
    for (const crns of cases) agreesWithMap(crns, ['X5', 'X000000004']);
  });

  it('leaves a crn that is not ASCII to the text lookup, whatever the others are', () => {
    agreesWithMap(['Zoë', 'X10', 'Zoë', 'X11', 'Łukasz'], ['X12', 'Zoe']);
    agreesWithMap(['X10', 'Zoë', 'X11', 'X1A'], ['X12']);
  });

  it('answers as a Map of first places for any crns and any probe', () => {
    const crn = fc.oneof(
      fc.integer({ min: 0, max: 3_000 }).map((n) => `X${String(n).padStart(5, '0')}`),
      fc.constantFrom('X00012', 'Y00001', 'X0001a', '', 'Zoë', 'X99999'),
    );
    fc.assert(fc.property(fc.array(crn, { maxLength: 60 }), fc.array(crn, { maxLength: 20 }), (crns, probes) => agreesWithMap(crns, probes)));
  });
});
