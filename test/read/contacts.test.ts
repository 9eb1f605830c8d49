/** contacts.csv folded per case (SPEC 2.1 last_contact, enforcement_due counting). */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import type { Exports } from '../../src/read/records.js';
import { AS_OF, day, iso, readFiles } from './support.js';

const OFFENDERS = 'crn,officer_id,risk\nX1,P1,low\nX2,P1,low\nX3,P1,low\n';

const lastContact = (exports: Exports, crn: string): string | null => iso(exports.contacts!.get(crn)?.lastContact ?? null);
const failures = (exports: Exports, crn: string): number => exports.contacts!.get(crn)?.failedToAttend ?? 0;

/** A day `n` days before the as-of date, as YYYY-MM-DD. */
const daysBefore = (n: number): string => iso(AS_OF - n)!;

describe('last contact', () => {
  it('is the latest attended contact, whatever the order of the file', async () => {
    const exports = await readFiles({
      offenders: OFFENDERS,
      contacts: 'crn,date,outcome\nX1,2026-10-20,attended\nX1,2026-11-03,attended\nX1,2026-09-01,attended\nX2,01/11/2026,Attended\nX2,2026-10-31T23:59:00,attended\n',
    });
    expect(lastContact(exports, 'X1')).toBe('2026-11-03');
    expect(lastContact(exports, 'X2')).toBe('2026-11-01');
    expect(lastContact(exports, 'X3')).toBeNull();
  });

  it('a missed appointment or an acceptable absence is not contact (default count_outcomes: attended)', async () => {
    const exports = await readFiles({
      offenders: OFFENDERS,
      contacts: [
        'crn,date,outcome',
        'X1,2026-10-01,attended',
        'X1,2026-11-10,failed_to_attend',
        'X1,2026-11-11,FTA',
        'X1,2026-11-12,Unacceptable Absence',
        'X1,2026-11-13,acceptable_absence',
        'X1,2026-11-14,AAEM',
        'X1,2026-11-15,',
        'X1,2026-11-16,rescheduled',
        'X2,2026-10-02,ATTC',
        'X2,2026-10-03,Attended - Complied',
        'X3,2026-10-04,complied',
        'X3,2026-10-05,UAAB',
      ].join('\n'),
    });
    expect(lastContact(exports, 'X1')).toBe('2026-10-01');
    expect(lastContact(exports, 'X2')).toBe('2026-10-03');
    expect(lastContact(exports, 'X3')).toBe('2026-10-04');
    expect([failures(exports, 'X1'), failures(exports, 'X2'), failures(exports, 'X3')]).toEqual([3, 0, 1]);
  });

  it('config contacts.count_outcomes decides which outcomes count, in any spelling', async () => {
    const contacts = 'crn,date,outcome\nX1,2026-10-01,attended\nX1,2026-10-20,AACL\nX2,2026-10-01,ATTC\nX2,2026-10-25,phone call\n';
    const exports = await readFiles(
      { offenders: OFFENDERS, contacts },
      { config: { contacts: { count_outcomes: ['Attended', 'acceptable absence', 'Phone Call'], count_types: null } } },
    );
    expect(lastContact(exports, 'X1')).toBe('2026-10-20');
    expect(lastContact(exports, 'X2')).toBe('2026-10-25');

    const onlyCodes = await readFiles({ offenders: OFFENDERS, contacts }, { config: { contacts: { count_outcomes: ['ATTC'], count_types: null } } });
    expect(lastContact(onlyCodes, 'X1')).toBe('2026-10-01');
    expect(lastContact(onlyCodes, 'X2')).toBe('2026-10-01');
  });

  it('config contacts.count_types counts only those types, in any spelling', async () => {
    const contacts = 'crn,date,outcome,type\nX1,2026-10-01,attended,Office\nX1,2026-10-20,attended,Home Visit\nX1,2026-11-01,attended,phone\nX2,2026-11-01,attended,\nX3,2026-11-02,attended,video\n';
    const exports = await readFiles({ offenders: OFFENDERS, contacts }, { config: { contacts: { count_outcomes: ['attended'], count_types: ['office', 'home-visit'] } } });
    expect([lastContact(exports, 'X1'), lastContact(exports, 'X2'), lastContact(exports, 'X3')]).toEqual(['2026-10-20', null, null]);

    const everyType = await readFiles({ offenders: OFFENDERS, contacts });
    expect(DEFAULT_CONFIG.contacts.count_types).toBeNull();
    expect([lastContact(everyType, 'X1'), lastContact(everyType, 'X2'), lastContact(everyType, 'X3')]).toEqual(['2026-11-01', '2026-11-01', '2026-11-02']);
  });

  it('with no outcome column every contact counts', async () => {
    const exports = await readFiles({ offenders: OFFENDERS, contacts: 'crn,date,type\nX1,2026-10-01,office\nX1,2026-11-12,phone\nX2,2026-09-09,\n' });
    expect(lastContact(exports, 'X1')).toBe('2026-11-12');
    expect(lastContact(exports, 'X2')).toBe('2026-09-09');
    expect(failures(exports, 'X1')).toBe(0);
  });
});

describe('failures to attend', () => {
  it('are counted in the 365 days to the as-of date only: as-of − 364 counts, as-of − 365 does not', async () => {
    const rows = [
      `X1,${daysBefore(0)},failed_to_attend`, // the as-of date itself
      `X1,${daysBefore(364)},FTA`,
      `X1,${daysBefore(365)},failed_to_attend`,
      `X1,${daysBefore(800)},failed_to_attend`,
      `X1,${iso(AS_OF + 1)},failed_to_attend`, // after the as-of date: rejected
      `X9,${daysBefore(3)},failed_to_attend`, // unknown crn: rejected
      `X2,${daysBefore(10)},acceptable_absence`,
      `X2,${daysBefore(11)},attended`,
    ];
    expect(daysBefore(364)).toBe('2025-11-17');
    expect(daysBefore(365)).toBe('2025-11-16');
    const exports = await readFiles({ offenders: OFFENDERS, contacts: `crn,date,outcome\n${rows.join('\n')}\n` });
    expect(failures(exports, 'X1')).toBe(2);
    expect(failures(exports, 'X2')).toBe(0);
    expect(lastContact(exports, 'X1')).toBeNull();
    expect(lastContact(exports, 'X2')).toBe(daysBefore(11));
  });

  it('move with the as-of date', async () => {
    const contacts = 'crn,date,outcome\nX1,2026-01-10,FTA\nX1,2026-06-10,FTA\nX1,2026-12-01,FTA\n';
    const now = await readFiles({ offenders: OFFENDERS, contacts });
    expect(failures(now, 'X1')).toBe(2);
    const later = await readFiles({ offenders: OFFENDERS, contacts }, { asOf: day('2027-01-10') });
    expect(failures(later, 'X1')).toBe(2); // 2026-06-10 and 2026-12-01; 2026-01-10 is 365 days back
    const earlier = await readFiles({ offenders: OFFENDERS, contacts }, { asOf: day('2026-03-01') });
    expect(failures(earlier, 'X1')).toBe(1);
  });
});
