/**
 * SPEC 2.1 last_contact and enforcement_due, at the contact rules (src/analyse/contacts.ts): which
 * contacts count as contact, and which failures to attend fall in the 365-day window.
 */
import { describe, expect, it } from 'vitest';
import { contactRules, countsAsContact, isRecentFailure, type ContactRules } from '../../src/analyse/contacts.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { AS_OF, daysAgo } from './builders.js';

function rules(options: { hasOutcome?: boolean; hasType?: boolean; countTypes?: string[] | null; countOutcomes?: string[] } = {}): ContactRules {
  return contactRules(
    AS_OF,
    {
      count_outcomes: options.countOutcomes ?? DEFAULT_CONFIG.contacts.count_outcomes,
      count_types: options.countTypes === undefined ? DEFAULT_CONFIG.contacts.count_types : options.countTypes,
    },
    { outcome: options.hasOutcome ?? true, type: options.hasType ?? true },
  );
}

describe('a count_types filter with no type column', () => {
  it('cannot apply: every attended contact counts, rather than none', () => {
    const noTypeColumn = rules({ countTypes: ['office'], hasType: false });
    expect(countsAsContact('attended', '', noTypeColumn)).toBe(true);
    expect(countsAsContact('failed_to_attend', '', noTypeColumn)).toBe(false);
    expect(countsAsContact('attended', '', rules({ countTypes: ['office'] }))).toBe(false);
  });
});

describe('which contacts count (default: attended, any type)', () => {
  const defaults = rules();

  it('an attended contact is contact, of any type', () => {
    for (const type of ['office', 'home_visit', 'phone', 'video', 'something_else', '']) {
      expect(countsAsContact('attended', type, defaults), type).toBe(true);
    }
  });

  it('a missed appointment is not contact', () => {
    expect(countsAsContact('failed_to_attend', 'office', defaults)).toBe(false);
  });

  it('an acceptable absence, other text and an empty outcome are not contact', () => {
    expect(countsAsContact('acceptable_absence', 'office', defaults)).toBe(false);
    expect(countsAsContact('rescheduled', 'office', defaults)).toBe(false);
    expect(countsAsContact('', 'office', defaults)).toBe(false);
  });

  it('with no outcome column, every contact counts', () => {
    const noOutcome = rules({ hasOutcome: false });
    expect(countsAsContact('', 'office', noOutcome)).toBe(true);
    expect(countsAsContact('', '', noOutcome)).toBe(true);
  });

  it('count_types limits contact to the listed types (written as in config, matched normalised)', () => {
    const faceToFace = rules({ countTypes: ['Office', 'Home Visit'] });
    expect(countsAsContact('attended', 'office', faceToFace)).toBe(true);
    expect(countsAsContact('attended', 'home_visit', faceToFace)).toBe(true);
    expect(countsAsContact('attended', 'phone', faceToFace)).toBe(false);
  });

  it('count_outcomes can widen what counts, and config codes are read like the file’s (ATTC is attended)', () => {
    const wide = rules({ countOutcomes: ['ATTC', 'acceptable_absence'] });
    expect(countsAsContact('attended', 'office', wide)).toBe(true);
    expect(countsAsContact('acceptable_absence', 'office', wide)).toBe(true);
    expect(countsAsContact('failed_to_attend', 'office', wide)).toBe(false);
  });
});

describe('failures to attend in the enforcement window (365 days to the as-of date)', () => {
  const defaults = rules();

  it('counts failures on the as-of date and 364 days back; one 365 days back is outside', () => {
    expect(isRecentFailure('failed_to_attend', AS_OF, defaults)).toBe(true);
    expect(isRecentFailure('failed_to_attend', daysAgo(364), defaults)).toBe(true);
    expect(isRecentFailure('failed_to_attend', daysAgo(365), defaults)).toBe(false);
  });

  it('only failures to attend count', () => {
    expect(isRecentFailure('attended', daysAgo(3), defaults)).toBe(false);
    expect(isRecentFailure('acceptable_absence', daysAgo(3), defaults)).toBe(false);
  });
});
