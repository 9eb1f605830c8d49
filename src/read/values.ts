/**
 * Small, allocation-light coercions for one cell of an export (SPEC 1.2).
 * Every parser returns the value, `null` for an empty cell, or `INVALID` for text
 * that cannot be read; the caller records the issue and flags the case.
 */

export const INVALID = Symbol('invalid');
export type Invalid = typeof INVALID;
export type Parsed<T> = T | null | Invalid;

/** A calendar date as whole days since 1970-01-01 (UTC), so date maths never meets a time zone. */
export type Day = number;

export type DateOrder = 'dmy' | 'mdy';

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4,
  may: 5, jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8,
  sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
};

// A time part (`T10:30:00Z`, ` 10:30`) is ignored; other trailing text makes the date unreadable.
const TIME = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const ISO_DATE = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}$`);
const SLASH_DATE = new RegExp(String.raw`^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})${TIME}$`);
const NAMED_DATE = new RegExp(String.raw`^(\d{1,2})[ -]([A-Za-z]{3,9})[ -](\d{4})${TIME}$`);

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since the epoch for a real calendar date, or INVALID (31 February is never rolled over). */
export function dayFromParts(year: number, month: number, day: number): Day | Invalid {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return INVALID;
  return daysFromCivil(year, month, day);
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days-from-civil): plain
 * arithmetic, no Date object, and no Date.UTC mapping years 0..99 onto 1900..1999.
 */
function daysFromCivil(year: number, month: number, day: number): Day {
  const shiftedYear = month <= 2 ? year - 1 : year; // the year starts in March
  const era = Math.floor(shiftedYear / 400);
  const yearOfEra = shiftedYear - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const ZERO = 48;

/** The number written by `count` digits from `from`, or -1 if any is not a digit. */
export function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let at = from; at < from + count; at++) {
    const digit = text.charCodeAt(at) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** digitsAt for ASCII bytes: the number the `count` digits at bytes[from] write, or -1 if any is not a digit. */
export function byteDigitsAt(bytes: Uint8Array, from: number, count: number): number {
  let value = 0;
  for (let at = from; at < from + count; at++) {
    const digit = bytes[at]! - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * `YYYY-MM-DD` read from its character codes: the form of nearly every date in a large export,
 * read millions of times. Anything else is left to parseDate (undefined).
 */
export function parseIsoDay(text: string): Day | Invalid | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  return year < 0 || month < 0 || day < 0 ? undefined : dayFromParts(year, month, day);
}

export function parseDate(text: string, order: DateOrder = 'dmy'): Parsed<Day> {
  if (text === '') return null;
  let match = ISO_DATE.exec(text);
  if (match) return dayFromParts(Number(match[1]), Number(match[2]), Number(match[3]));
  match = SLASH_DATE.exec(text);
  if (match) {
    const first = Number(match[1]);
    const second = Number(match[2]);
    const yearText = match[3]!;
    const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
    return order === 'dmy' ? dayFromParts(year, second, first) : dayFromParts(year, first, second);
  }
  match = NAMED_DATE.exec(text);
  if (match) {
    const month = MONTHS[match[2]!.toLowerCase()];
    if (month === undefined) return INVALID;
    return dayFromParts(Number(match[3]), month, Number(match[1]));
  }
  return INVALID;
}

const twoDigits = (value: number): string => (value < 10 ? `0${value}` : String(value));

/**
 * `YYYY-MM-DD` for a day number. A report formats the same few thousand days millions of
 * times, so each day's text is made once and shared.
 */
export function formatDay(day: Day): string {
  // Days 0 to 2^16 (1970 to 2149) sit in an array, a load rather than a hash; the rest in a Map.
  if (day >= 0 && day < DENSE_DAYS) {
    const dense = (formattedDense ??= new Array<string | undefined>(DENSE_DAYS).fill(undefined));
    return (dense[day] ??= civilText(day));
  }
  let text = formatted.get(day);
  if (text === undefined) {
    text = civilText(day);
    if (formatted.size < FORMATTED_LIMIT) formatted.set(day, text);
  }
  return text;
}

const DENSE_DAYS = 1 << 16;
// Filled ahead (not grown from index 20,000 up, which would make it a dictionary), on first use.
let formattedDense: (string | undefined)[] | null = null;
const formatted = new Map<Day, string>();
const FORMATTED_LIMIT = 100_000;

/** Civil-from-days (H. Hinnant): arithmetic rather than a Date and toISOString per call. */
function civilText(day: Day): string {
  const shifted = day + 719_468; // days from 0000-03-01
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // March is 0
  const dayOfMonth = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${twoDigits(month)}-${twoDigits(dayOfMonth)}`;
}

const TRUE_WORDS = new Set(['yes', 'y', 'true', '1']);
const FALSE_WORDS = new Set(['no', 'n', 'false', '0']);

/** Empty is no (SPEC 1.2). */
export function parseBoolean(text: string): boolean | Invalid {
  if (text === '') return false;
  const word = text.toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return INVALID;
}

/** Like parseBoolean, but keeps "not recorded" apart from an explicit no. */
export function parseOptionalBoolean(text: string): Parsed<boolean> {
  return text === '' ? null : parseBoolean(text);
}

export const RISKS = ['low', 'medium', 'high', 'very_high'] as const;
export type Risk = (typeof RISKS)[number];

/** Lower-case and fold every run of separators to `_`: `Very High`, `very-high` → `very_high`. */
export function normaliseWord(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

const RISK_WORDS: Record<string, Risk> = {
  low: 'low', l: 'low', rlrh: 'low',
  medium: 'medium', m: 'medium', rmrh: 'medium',
  high: 'high', h: 'high', rhrh: 'high',
  very_high: 'very_high', veryhigh: 'very_high', vh: 'very_high', rvhr: 'very_high',
};

export function parseRisk(text: string): Parsed<Risk> {
  if (text === '') return null;
  return RISK_WORDS[normaliseWord(text)] ?? INVALID;
}

export const CASE_STATUSES = ['active', 'custody', 'warrant', 'terminated'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Empty is active; unknown text is INVALID (the caller reads it as active and flags it). */
export function parseCaseStatus(text: string): CaseStatus | Invalid {
  if (text === '') return 'active';
  const word = normaliseWord(text);
  return (CASE_STATUSES as readonly string[]).includes(word) ? (word as CaseStatus) : INVALID;
}

/** Officer status words are kept as normalised text: anything but active and left is an absence. */
export function parseOfficerStatus(text: string): string {
  return text === '' ? 'active' : normaliseWord(text);
}

export type Outcome = 'attended' | 'failed_to_attend' | 'acceptable_absence' | string;

/** Maps the nDelius outcome codes onto the three outcomes the rules use; other text stays as it is. */
export function parseOutcome(text: string): Outcome {
  const word = normaliseWord(text);
  switch (word) {
    case 'attended':
    case 'attended_complied':
    case 'complied':
    case 'attc':
      return 'attended';
    case 'failed_to_attend':
    case 'fta':
    case 'unacceptable_absence':
    case 'uaab':
      return 'failed_to_attend';
    case 'acceptable_absence':
      return 'acceptable_absence';
    default:
      // nDelius acceptable-absence codes: AAEM, AACL, AAHO, …
      return /^aa[a-z0-9]{0,4}$/.test(word) ? 'acceptable_absence' : word;
  }
}

const TIER = /^[A-D][0-3]S?$/;

/** Tier `A3`..`D0` with an optional `S` suffix, upper-cased and kept as written. */
export function parseTier(text: string): Parsed<string> {
  if (text === '') return null;
  const tier = text.toUpperCase();
  return TIER.test(tier) ? tier : INVALID;
}

/** The tier a case scores as: an `S` suffix scores as the tier without it. */
export function scoringTier(tier: string): string {
  return tier.slice(0, 2);
}

/** A non-negative number of hours such as `37`, `22.5`. */
export function parseHours(text: string): Parsed<number> {
  if (text === '') return null;
  if (!/^\d+(?:\.\d+)?$/.test(text)) return INVALID;
  return Number(text);
}

/** MAPPA level 0-3 (SPEC 1.1): `0`, `none` or empty; `1`-`3`, `M1`-`M3`, `Level 1`-`Level 3`. */
export function parseMappaLevel(text: string): Parsed<number> {
  if (text === '') return 0;
  const word = normaliseWord(text);
  if (word === 'none' || word === '0') return 0;
  const match = /^(?:m|level_?)?([0-3])$/.exec(word);
  return match === null ? INVALID : Number(match[1]);
}

/** A workload reduction in percent, 0-100 (`80`, `20.5`, `40%`). */
export function parsePercent(text: string): Parsed<number> {
  if (text === '') return null;
  const match = /^(\d+(?:\.\d+)?)\s*%?$/.exec(text);
  if (match === null) return INVALID;
  const value = Number(match[1]);
  return value > 100 ? INVALID : value;
}
