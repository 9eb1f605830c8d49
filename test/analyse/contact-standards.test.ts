/** SPEC 2.1: last_contact, days_since_contact, standard_days, overdue and days_overdue. */
import { describe, expect, it } from 'vitest';
import { AS_OF, analyseOne, day, daysAgo } from './builders.js';

describe('anchoring the builders', () => {
  it('2026-09-20 is 57 days before the as-of date 2026-11-16', () => {
    // 16 Nov → 16 Oct is 31 days, 16 Oct → 16 Sep is 30 more, and 20 Sep is 4 days after 16 Sep.
    expect(AS_OF - day('2026-09-20')).toBe(57);
    expect(daysAgo(57)).toBe(day('2026-09-20'));
  });

  it('a case with literal dates: last contact 2026-10-31 is 16 days ago, 2 past the medium standard of 14', () => {
    const result = analyseOne({ risk: 'medium', lastContact: day('2026-10-31') });
    expect(result.last_contact).toBe('2026-10-31');
    expect(result.days_since_contact).toBe(16);
    expect(result.standard_days).toBe(14);
    expect(result.overdue).toBe(true);
    expect(result.days_overdue).toBe(2);
  });
});

describe('last_contact: the later of offenders.csv last_contact and the contacts history', () => {
  it('offenders.csv alone', () => {
    const result = analyseOne({ crn: 'A1', lastContact: day('2026-11-13') });
    expect(result.last_contact).toBe('2026-11-13');
    expect(result.days_since_contact).toBe(3);
  });

  it('contacts.csv alone', () => {
    const result = analyseOne({ crn: 'A1', lastContact: null }, { contacts: { A1: { lastContact: day('2026-11-11') } } });
    expect(result.last_contact).toBe('2026-11-11');
    expect(result.days_since_contact).toBe(5);
  });

  it('both, offenders.csv later: offenders.csv wins', () => {
    const result = analyseOne(
      { crn: 'A1', lastContact: day('2026-11-14') },
      { contacts: { A1: { lastContact: day('2026-11-06') } } },
    );
    expect(result.last_contact).toBe('2026-11-14');
    expect(result.days_since_contact).toBe(2);
  });

  it('both, contacts.csv later: contacts.csv wins', () => {
    const result = analyseOne(
      { crn: 'A1', lastContact: day('2026-10-27') },
      { contacts: { A1: { lastContact: day('2026-11-12') } } },
    );
    expect(result.last_contact).toBe('2026-11-12');
    expect(result.days_since_contact).toBe(4);
  });

  it('a contact history for another crn does not count', () => {
    const result = analyseOne({ crn: 'A1', lastContact: null }, { contacts: { A2: { lastContact: daysAgo(1) } } });
    expect(result.last_contact).toBeNull();
  });

  it('seen on the as-of date: 0 days since contact', () => {
    const result = analyseOne({ lastContact: AS_OF });
    expect(result.last_contact).toBe('2026-11-16');
    expect(result.days_since_contact).toBe(0);
    expect(result.overdue).toBe(false);
  });

  it('never seen in either source: last_contact and days_since_contact are null', () => {
    const result = analyseOne({ crn: 'A1', lastContact: null, startDate: daysAgo(3) });
    expect(result.last_contact).toBeNull();
    expect(result.days_since_contact).toBeNull();
  });

  it('a history holding only missed appointments (no counted contact) is still never seen', () => {
    const result = analyseOne(
      { crn: 'A1', lastContact: null, startDate: daysAgo(3) },
      { contacts: { A1: { lastContact: null, failedToAttend: 1 } } },
    );
    expect(result.last_contact).toBeNull();
    expect(result.days_since_contact).toBeNull();
  });
});

describe('standard_days by risk', () => {
  it.each([
    ['very_high', 7],
    ['high', 7],
    ['medium', 14],
    ['low', 28],
    [null, 7], // unknown: an unassessed case is treated as high risk
  ] as const)('risk %s → %i days', (risk, days) => {
    expect(analyseOne({ risk }).standard_days).toBe(days);
  });
});

describe('overdue and days_overdue, exactly on and one day past each standard', () => {
  it.each([
    ['very_high', 7],
    ['high', 7],
    ['medium', 14],
    ['low', 28],
    [null, 7],
  ] as const)('risk %s: seen %i days ago is on time, one more day is 1 day overdue', (risk, standard) => {
    const onTime = analyseOne({ risk, lastContact: daysAgo(standard) });
    expect(onTime).toMatchObject({ days_since_contact: standard, overdue: false, days_overdue: 0 });
    expect(onTime.flags).not.toContain('overdue');

    const late = analyseOne({ risk, lastContact: daysAgo(standard + 1) });
    expect(late).toMatchObject({ days_since_contact: standard + 1, overdue: true, days_overdue: 1 });
    expect(late.flags).toContain('overdue');
  });

  it('low risk seen 40 days ago: 40 − 28 = 12 days overdue, not yet lost', () => {
    const result = analyseOne({ risk: 'low', lastContact: daysAgo(40) });
    expect(result).toMatchObject({ overdue: true, days_overdue: 12, lost: false });
    expect(result.flags).toEqual(['overdue']);
  });

  it('high risk seen 30 days ago: 30 − 7 = 23 days overdue', () => {
    expect(analyseOne({ risk: 'high', lastContact: daysAgo(30) }).days_overdue).toBe(23);
  });
});

describe('never-seen cases and first_contact_days (7)', () => {
  it('started 7 days ago, never seen: not overdue', () => {
    const result = analyseOne({ lastContact: null, startDate: daysAgo(7) });
    expect(result).toMatchObject({ overdue: false, days_overdue: 0, lost: false });
    expect(result.flags).toEqual([]);
  });

  it('started 8 days ago, never seen: overdue by 8 − 7 = 1 day', () => {
    const result = analyseOne({ lastContact: null, startDate: daysAgo(8) });
    expect(result).toMatchObject({ overdue: true, days_overdue: 1, lost: false });
    expect(result.flags).toEqual(['overdue']);
  });

  it('started 2026-10-01 (46 days ago), never seen: 46 − 7 = 39 days overdue, whatever the risk standard', () => {
    const low = analyseOne({ risk: 'low', lastContact: null, startDate: day('2026-10-01') });
    expect(low).toMatchObject({ overdue: true, days_overdue: 39, standard_days: 28 });
    const high = analyseOne({ risk: 'high', lastContact: null, startDate: day('2026-10-01') });
    expect(high).toMatchObject({ overdue: true, days_overdue: 39, standard_days: 7 });
  });

  it('no start date, never seen: overdue with days_overdue 0', () => {
    const result = analyseOne({ lastContact: null, startDate: null });
    expect(result.overdue).toBe(true);
    expect(result.days_overdue).toBe(0);
    expect(result.flags).toContain('overdue');
  });

  it('starting tomorrow, never seen: not overdue', () => {
    const result = analyseOne({ lastContact: null, startDate: daysAgo(-1) });
    expect(result).toMatchObject({ overdue: false, days_overdue: 0, lost: false, flags: [] });
  });

  it('a seen case is judged on its contact, not its start date', () => {
    // Started 300 days ago but seen 3 days ago at medium risk (14): on time.
    const result = analyseOne({ risk: 'medium', startDate: daysAgo(300), lastContact: daysAgo(3) });
    expect(result).toMatchObject({ overdue: false, days_overdue: 0 });
  });
});
