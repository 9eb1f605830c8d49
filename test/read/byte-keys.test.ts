/** ByteKeys (src/read/byte-keys.ts): ASCII text looked up from bytes, as a Map would look it up from strings. */
import { describe, expect, it } from 'vitest';
import { ByteKeys } from '../../src/read/byte-keys.js';

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
    expect(keys.add('X1', 5)).toBe(true);
    expect(keys.add('X1', 6)).toBe(true);
    expect(find(keys, 'X1')).toBe(5);
    expect(keys.add('José', 7)).toBe(false);
    expect(keys.size).toBe(1);
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
