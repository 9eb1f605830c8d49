/**
 * A lookup from ASCII text, given as bytes, to a number: the plain-row readers
 * (plain-contacts.ts, plain-fields.ts) find a crn, an outcome or a type straight from the file's
 * bytes, without making a string per row. Open addressing over an FNV-1a hash. A national export's crns make a
 * table far larger than the processor's cache, so each slot holds the key's length and first
 * eight bytes beside its value: a lookup reads one slot, not a slot and then the key elsewhere.
 * CaseKeys holds the crns by their number instead while they share one shape (DigitPlaces).
 */
import { byteDigitsAt, digitsAt } from './values.js';

/** Int32s per slot: length + 1 (0: empty), value, bytes 0-3, bytes 4-7. */
const STRIDE = 4;
/** Bytes held in the slot itself; the rest of a longer key is compared in the pool. */
const INLINE = 8;

/** Finds the number held for a key given as bytes: a ByteKeys, or a CaseKeys' crns by number (DigitPlaces). */
export interface KeyFinder {
  /** The number stored for the key held in bytes[start, end); -1 when there is none. */
  find(bytes: Uint8Array, start: number, end: number): number;
}

/** True when every code unit of `text` is ASCII: only such keys can match a row's bytes. */
function isAscii(text: string): boolean {
  for (let at = 0; at < text.length; at++) if (text.charCodeAt(at) > 0x7f) return false;
  return true;
}

export class ByteKeys implements KeyFinder {
  private slots: Int32Array;
  private capacity: number;
  /** Each key's bytes, for keys longer than INLINE, from poolStart[slot]. */
  private pool: Uint8Array;
  private poolStart: Int32Array;
  private poolUsed = 0;
  /** A key's bytes while it is added. */
  private scratch = new Uint8Array(64);
  private count = 0;
  // The first eight bytes of the key slotOf last looked for, as the slots hold them (for put).
  private low = 0;
  private high = 0;

  constructor(expected = 8) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.capacity = capacity;
    this.slots = new Int32Array(capacity * STRIDE);
    this.poolStart = new Int32Array(capacity);
    this.pool = new Uint8Array(256);
  }

  get size(): number {
    return this.count;
  }

  /** The number stored for the key held in bytes[start, end); -1 when there is none. */
  find(bytes: Uint8Array, start: number, end: number): number {
    const slot = this.slotOf(bytes, start, end);
    return this.slots[slot * STRIDE] === 0 ? -1 : this.slots[slot * STRIDE + 1]!;
  }

  /** The number stored for the text `key`; -1 when there is none (always, for a key that is not ASCII). */
  findText(key: string): number {
    return isAscii(key) ? this.find(this.bytesOf(key), 0, key.length) : -1;
  }

  /**
   * Stores `value` (at least 0) for `key` unless the key is there already, and returns the key's
   * number: `value`, or the one it kept from before. -1, and nothing stored, for a key that is not ASCII.
   */
  add(key: string, value: number): number {
    if (!isAscii(key)) return -1;
    let bytes = this.bytesOf(key);
    let slot = this.slotOf(bytes, 0, key.length);
    if (this.slots[slot * STRIDE] !== 0) return this.slots[slot * STRIDE + 1]!;
    if ((this.count + 1) * 2 > this.capacity) {
      this.grow(); // which re-hashes through the scratch buffer: the key's bytes are written again
      bytes = this.bytesOf(key);
      slot = this.slotOf(bytes, 0, key.length);
    }
    this.put(slot, key.length, value, this.low, this.high, this.storeTail(bytes, key.length));
    return value;
  }

  /** An ASCII key's bytes, in the scratch buffer. */
  private bytesOf(key: string): Uint8Array {
    const bytes = this.scratch.length >= key.length ? this.scratch : (this.scratch = new Uint8Array(key.length * 2));
    for (let at = 0; at < key.length; at++) bytes[at] = key.charCodeAt(at);
    return bytes;
  }

  /** Hashes the key and packs its first bytes (into hash, low, high), then finds its slot or the empty one where it would go. */
  private slotOf(bytes: Uint8Array, start: number, end: number): number {
    let hash = 0x811c9dc5;
    let low = 0;
    let high = 0;
    for (let at = start; at < end; at++) {
      const byte = bytes[at]!;
      hash = Math.imul(hash ^ byte, 0x01000193);
      const offset = at - start;
      if (offset < 4) low |= byte << (offset * 8);
      else if (offset < INLINE) high |= byte << ((offset - 4) * 8);
    }
    // FNV's low bits depend only on the bytes' low bits (digits differ in four): mix the high
    // bits down (murmur3's finaliser), as the slot is taken from the low bits.
    hash ^= hash >>> 16;
    hash = Math.imul(hash, 0x85ebca6b);
    hash ^= hash >>> 13;
    this.low = low;
    this.high = high;
    const length = end - start;
    const { slots, pool, poolStart } = this;
    const mask = this.capacity - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const base = slot * STRIDE;
      const stored = slots[base]!;
      if (stored === 0) return slot;
      if (stored !== length + 1 || slots[base + 2] !== low || slots[base + 3] !== high) continue;
      if (length <= INLINE) return slot;
      const from = poolStart[slot]!;
      let at = INLINE;
      while (at < length && pool[from + at - INLINE] === bytes[start + at]) at++;
      if (at === length) return slot;
    }
  }

  private put(slot: number, length: number, value: number, low: number, high: number, tail: number): void {
    const base = slot * STRIDE;
    this.slots[base] = length + 1;
    this.slots[base + 1] = value;
    this.slots[base + 2] = low;
    this.slots[base + 3] = high;
    this.poolStart[slot] = tail;
    this.count++;
  }

  /** Keeps the bytes past INLINE in the pool; where they start. */
  private storeTail(bytes: Uint8Array, length: number): number {
    const start = this.poolUsed;
    if (length <= INLINE) return start;
    if (start + length - INLINE > this.pool.length) {
      const pool = new Uint8Array(Math.max(this.pool.length * 2, start + length - INLINE));
      pool.set(this.pool);
      this.pool = pool;
    }
    for (let at = INLINE; at < length; at++) this.pool[start + at - INLINE] = bytes[at]!;
    this.poolUsed += length - INLINE;
    return start;
  }

  private grow(): void {
    const { slots, poolStart, capacity } = this;
    this.capacity = capacity * 2;
    this.slots = new Int32Array(this.capacity * STRIDE);
    this.poolStart = new Int32Array(this.capacity);
    this.count = 0;
    for (let old = 0; old < capacity; old++) {
      const base = old * STRIDE;
      if (slots[base] === 0) continue;
      // Re-hash from the stored bytes: the inline words, then the tail in the pool.
      const length = slots[base]! - 1;
      if (this.scratch.length < length) this.scratch = new Uint8Array(length * 2);
      const key = this.scratch;
      for (let at = 0; at < Math.min(length, INLINE); at++) key[at] = (slots[base + 2 + (at >> 2)]! >>> ((at & 3) * 8)) & 0xff;
      if (length > INLINE) key.set(this.pool.subarray(poolStart[old]!, poolStart[old]! + length - INLINE), INLINE);
      const slot = this.slotOf(key, 0, length);
      this.put(slot, length, slots[base + 1]!, slots[base + 2]!, slots[base + 3]!, poolStart[old]!);
    }
  }
}

/** Most digits a crn's number has: below 10^9, an int32. */
const MAX_DIGITS = 9;
/** A DigitPlaces array stays no larger than this many times the crns it holds (plus a little). */
const MAX_SPREAD = 8;
const SPREAD_SLACK = 1024;

const isDigit = (code: number): boolean => code >= 48 && code <= 57; // '0' to '9'

/**
 * The crns' places by number, while the crns share one shape: the same prefix, then the same
 * count of digits (X1000237, as a CRN is written). Placing or finding a crn is then one array
 * load by its number, rather than a probe into a hash table larger than the processor's cache;
 * and an offenders.csv in crn order, or contacts sorted by date and crn, walk the array forward.
 * The array runs from the least number seen and grows as numbers come; `set` refuses a number
 * that would leave it mostly empty.
 */
class DigitPlaces implements KeyFinder {
  /** Each number's place + 1, from the number `start` on; 0 where no crn has the number. */
  private places = new Int32Array(1024);
  private start: number;
  /** The least and greatest numbers held. */
  private lowest: number;
  private highest: number;
  private count = 0;
  private readonly prefixBytes: Uint8Array;

  private constructor(
    private readonly prefix: string,
    private readonly length: number,
    first: number,
  ) {
    this.start = this.lowest = this.highest = first;
    this.prefixBytes = Uint8Array.from(prefix, (char) => char.charCodeAt(0));
  }

  /** The shape `crn` sets (its prefix up to its trailing digits); null for one with no digits or too many. */
  static of(crn: string): DigitPlaces | null {
    let digitsFrom = crn.length;
    while (digitsFrom > 0 && isDigit(crn.charCodeAt(digitsFrom - 1))) digitsFrom--;
    const digits = crn.length - digitsFrom;
    if (digits === 0 || digits > MAX_DIGITS) return null;
    return new DigitPlaces(crn.slice(0, digitsFrom), crn.length, digitsAt(crn, digitsFrom, digits));
  }

  /** The crn's number; -1 when it does not have the shape. */
  numberOf(crn: string): number {
    if (crn.length !== this.length || !crn.startsWith(this.prefix)) return -1;
    return digitsAt(crn, this.prefix.length, this.length - this.prefix.length);
  }

  /** The place of the crn with this number; -1 when none has it. */
  placeOf(number: number): number {
    const slot = number - this.start;
    return slot >= 0 && slot < this.places.length ? this.places[slot]! - 1 : -1;
  }

  /** The place of the crn given as text; -1 when none has it (or it has another shape). */
  findText(crn: string): number {
    const number = this.numberOf(crn);
    return number < 0 ? -1 : this.placeOf(number);
  }

  find(bytes: Uint8Array, start: number, end: number): number {
    const { prefixBytes, length } = this;
    if (end - start !== length) return -1;
    for (let at = 0; at < prefixBytes.length; at++) if (bytes[start + at] !== prefixBytes[at]) return -1;
    const number = byteDigitsAt(bytes, start + prefixBytes.length, length - prefixBytes.length);
    return number < 0 ? -1 : this.placeOf(number);
  }

  /** Gives a new number its place; false, storing nothing, when the array would be too sparse for the crns. */
  set(number: number, place: number): boolean {
    const lowest = Math.min(this.lowest, number);
    const highest = Math.max(this.highest, number);
    const spread = highest - lowest + 1;
    if (spread > MAX_SPREAD * (this.count + 1) + SPREAD_SLACK) return false;
    if (number < this.start || number - this.start >= this.places.length) {
      // Room for as much again, half on each side: crns that come in either order grow it rarely.
      const size = Math.max(1024, spread * 2);
      const start = lowest - Math.floor((size - spread) / 2);
      const grown = new Int32Array(size);
      // The numbers held so far, lowest to highest, where they go in the new array.
      grown.set(this.places.subarray(this.lowest - this.start, this.highest - this.start + 1), this.lowest - start);
      this.places = grown;
      this.start = start;
    }
    this.places[number - this.start] = place + 1;
    this.lowest = lowest;
    this.highest = highest;
    this.count++;
    return true;
  }

  /** Every crn held, with its place. */
  *entries(): Generator<[string, number]> {
    const digits = this.length - this.prefix.length;
    for (let slot = 0; slot < this.places.length; slot++) {
      if (this.places[slot] !== 0) yield [`${this.prefix}${String(this.start + slot).padStart(digits, '0')}`, this.places[slot]! - 1];
    }
  }
}

/**
 * The cases' crns and their places: the order of offenders.csv, a crn listed again keeping its
 * first place. Found by text, or by a contact row's bytes (`finder`), so the contacts readers
 * need no Map of their own. Built the same way on every thread, and `digest` says whether two
 * threads built the same order.
 *
 * ASCII crns are held by number (DigitPlaces) while they share the first one's shape, as a real
 * export's do; the first that does not (or would leave the array too sparse) moves them all
 * into a hash table (ByteKeys). A crn that is not ASCII is only ever looked up as text.
 */
export class CaseKeys {
  /** The ASCII crns by number: undefined before the first, null once they are in `table`. */
  private digits: DigitPlaces | null | undefined = undefined;
  private table: ByteKeys | null = null;
  private readonly others = new Map<string, number>();
  private count = 0;
  private hash = 0x811c9dc5;

  /** `expected`: about how many crns will come (a guess, for the size of a hash table). */
  constructor(private readonly expected?: number) {}

  get size(): number {
    return this.count;
  }

  /** The crn's place: its first one, or the next one if it has none yet. */
  place(crn: string): number {
    const at = this.placeOf(crn);
    if (at === this.count) {
      this.count++;
      // FNV-1a over the crns in order, each ended by a line feed.
      for (let index = 0; index < crn.length; index++) this.hash = Math.imul(this.hash ^ crn.charCodeAt(index), 0x01000193);
      this.hash = Math.imul(this.hash ^ 10, 0x01000193);
    }
    return at;
  }

  private placeOf(crn: string): number {
    if (this.digits === undefined && isAscii(crn)) this.digits = DigitPlaces.of(crn);
    const { digits } = this;
    if (digits) {
      const number = digits.numberOf(crn);
      if (number >= 0) {
        const at = digits.placeOf(number);
        if (at >= 0) return at;
        if (digits.set(number, this.count)) return this.count;
      }
      // Another shape, or too far from the rest: from now on every ASCII crn is hashed.
      if (isAscii(crn)) this.moveToTable();
    }
    if (this.digits === null) {
      const at = this.hashed().add(crn, this.count);
      if (at >= 0) return at;
    }
    // Not ASCII: by text alone.
    const at = this.others.get(crn) ?? this.count;
    if (at === this.count) this.others.set(crn, at);
    return at;
  }

  /** The hash table, made when the first crn does not have a digit shape. */
  private hashed(): ByteKeys {
    return (this.table ??= new ByteKeys(this.expected));
  }

  /** The crns held by number go into the hash table, which holds every ASCII crn from now on. */
  private moveToTable(): void {
    const table = this.hashed();
    for (const [crn, at] of this.digits!.entries()) table.add(crn, at);
    this.digits = null;
  }

  get(crn: string): number | undefined {
    // The ASCII crns are in one of the two, whichever holds them now; the rest by text.
    const at = (this.digits || this.table)?.findText(crn) ?? -1;
    return at >= 0 ? at : this.others.get(crn);
  }

  /** What finds an ASCII crn from a contact row's bytes: the crns by number, or the hash table. */
  get finder(): KeyFinder {
    return this.digits || this.hashed();
  }

  /** The order in a few characters: the same crns in the same order give the same digest. */
  get digest(): string {
    return `${this.count}:${(this.hash >>> 0).toString(16)}`;
  }
}
