import { afterEach, describe, expect, it } from 'vitest';
import {
  INVALID,
  dayFromParts,
  formatDay,
  normaliseWord,
  parseBoolean,
  parseCaseStatus,
  parseDate,
  parseHours,
  parseMappaLevel,
  parsePercent,
  parseOfficerStatus,
  parseOptionalBoolean,
  parseOutcome,
  parseRisk,
  parseTier,
  parseIsoDay,
  scoringTier,
} from '../src/read/values.js';

/** Hand-worked expectation: whole days since 1970-01-01 for a calendar date (years >= 100). */
const utcDay = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 86_400_000;

describe('parseDate (SPEC 1.2 dates)', () => {
  describe('YYYY-MM-DD', () => {
    it.each([
      ['2026-03-05', 2026, 3, 5],
      ['2026-12-31', 2026, 12, 31],
      ['1970-01-01', 1970, 1, 1],
      ['1969-12-31', 1969, 12, 31],
      ['2000-02-29', 2000, 2, 29],
      ['2024-02-29', 2024, 2, 29],
    ])('%s is %i-%i-%i', (text, y, m, d) => {
      expect(parseDate(text)).toBe(utcDay(y, m, d));
    });

    it.each([
      ['2026-03-05T10:30:00Z'],
      ['2026-03-05T23:59:59-05:00'],
      ['2026-03-05T00:00:00.000+14:00'],
      ['2026-03-05 10:30'],
      ['2026-03-05 10:30:15'],
    ])('ignores the time part of %s (no time-zone shift)', (text) => {
      expect(parseDate(text)).toBe(utcDay(2026, 3, 5));
    });

    it('is not affected by --date-order mdy', () => {
      expect(parseDate('2026-03-05', 'mdy')).toBe(utcDay(2026, 3, 5));
      expect(parseDate('2026-03-25', 'mdy')).toBe(utcDay(2026, 3, 25));
    });

    it('known anchor values: 1970-01-01 is day 0, 2026-03-05 is day 20517', () => {
      expect(parseDate('1970-01-01')).toBe(0);
      expect(parseDate('2026-03-05')).toBe(20517);
      expect(parseDate('2024-02-29')).toBe(19782);
    });
  });

  describe('DD/MM/YYYY and DD/MM/YY (day-first by default)', () => {
    it.each([
      ['05/03/2026', 2026, 3, 5],
      ['5/3/2026', 2026, 3, 5],
      ['31/12/2026', 2026, 12, 31],
      ['13/01/2026', 2026, 1, 13],
      ['29/02/2024', 2024, 2, 29],
      ['29/02/2000', 2000, 2, 29],
      ['05/03/2026 10:30', 2026, 3, 5],
    ])('%s is %i-%i-%i', (text, y, m, d) => {
      expect(parseDate(text)).toBe(utcDay(y, m, d));
      expect(parseDate(text, 'dmy')).toBe(utcDay(y, m, d));
    });

    it.each([
      ['05/03/26', 2026, 3, 5],
      ['31/12/99', 2099, 12, 31],
      ['01/01/00', 2000, 1, 1],
      ['29/02/24', 2024, 2, 29],
    ])('two-digit year %s is read as 20YY', (text, y, m, d) => {
      expect(parseDate(text)).toBe(utcDay(y, m, d));
    });

    it('a three-digit year is not a date', () => {
      expect(parseDate('05/03/202')).toBe(INVALID);
    });
  });

  describe('--date-order mdy reads slashed dates month-first', () => {
    it.each([
      ['03/05/2026', 2026, 3, 5],
      ['12/31/2026', 2026, 12, 31],
      ['1/13/2026', 2026, 1, 13],
      ['02/29/24', 2024, 2, 29],
    ])('%s (mdy) is %i-%i-%i', (text, y, m, d) => {
      expect(parseDate(text, 'mdy')).toBe(utcDay(y, m, d));
    });

    it('the same text means different days in dmy and mdy', () => {
      expect(parseDate('03/05/2026', 'dmy')).toBe(utcDay(2026, 5, 3));
      expect(parseDate('03/05/2026', 'mdy')).toBe(utcDay(2026, 3, 5));
    });

    it('a day-first date with day > 12 is invalid month-first, and vice versa', () => {
      expect(parseDate('13/01/2026', 'mdy')).toBe(INVALID);
      expect(parseDate('01/13/2026', 'dmy')).toBe(INVALID);
    });

    it('named-month dates are unaffected by mdy', () => {
      expect(parseDate('5 Mar 2026', 'mdy')).toBe(utcDay(2026, 3, 5));
    });
  });

  describe('D Mon YYYY and D-Mon-YYYY with English month names', () => {
    it.each([
      ['5 Mar 2026', 2026, 3, 5],
      ['05 Mar 2026', 2026, 3, 5],
      ['5-Mar-2026', 2026, 3, 5],
      ['5 March 2026', 2026, 3, 5],
      ['5-march-2026', 2026, 3, 5],
      ['5 MAR 2026', 2026, 3, 5],
      ['5 mArCh 2026', 2026, 3, 5],
      ['1 Jan 2026', 2026, 1, 1],
      ['1 January 2026', 2026, 1, 1],
      ['29 Feb 2024', 2024, 2, 29],
      ['28 February 2026', 2026, 2, 28],
      ['30 Apr 2026', 2026, 4, 30],
      ['30 April 2026', 2026, 4, 30],
      ['31 May 2026', 2026, 5, 31],
      ['30 Jun 2026', 2026, 6, 30],
      ['30 June 2026', 2026, 6, 30],
      ['31 Jul 2026', 2026, 7, 31],
      ['31 July 2026', 2026, 7, 31],
      ['31 Aug 2026', 2026, 8, 31],
      ['31 August 2026', 2026, 8, 31],
      ['30 Sep 2026', 2026, 9, 30],
      ['30 Sept 2026', 2026, 9, 30],
      ['30 September 2026', 2026, 9, 30],
      ['31 Oct 2026', 2026, 10, 31],
      ['31 October 2026', 2026, 10, 31],
      ['30 Nov 2026', 2026, 11, 30],
      ['30 November 2026', 2026, 11, 30],
      ['31 Dec 2026', 2026, 12, 31],
      ['31-DECEMBER-2026', 2026, 12, 31],
      ['5 Mar 2026 10:30', 2026, 3, 5],
    ])('%s is %i-%i-%i', (text, y, m, d) => {
      expect(parseDate(text)).toBe(utcDay(y, m, d));
    });

    it.each([['5 Foo 2026'], ['5 Marc 2026'], ['5 Mars 2026'], ['31 Apr 2026'], ['29 Feb 2025'], ['5 Mar 26']])(
      '%s is INVALID',
      (text) => {
        expect(parseDate(text)).toBe(INVALID);
      },
    );
  });

  describe('dates that do not exist are INVALID, never rolled over', () => {
    it.each([
      ['31/02/2026'],
      ['30/02/2024'],
      ['29/02/2025'],
      ['29/02/2100'],
      ['29/02/25'],
      ['31/04/2026'],
      ['31/06/2026'],
      ['31/09/2026'],
      ['31/11/2026'],
      ['32/01/2026'],
      ['00/01/2026'],
      ['01/00/2026'],
      ['01/13/2026'],
      ['2026-13-01'],
      ['2026-00-10'],
      ['2026-02-29'],
      ['2026-02-30'],
      ['2026-04-31'],
      ['2026-01-00'],
      ['2026-01-32'],
    ])('%s', (text) => {
      expect(parseDate(text)).toBe(INVALID);
    });

    it('02/31/2026 is INVALID month-first too', () => {
      expect(parseDate('02/31/2026', 'mdy')).toBe(INVALID);
    });

    it('leap years follow the Gregorian rule (2000 and 2024 leap; 1900, 2025, 2100 not)', () => {
      expect(parseDate('29/02/2000')).toBe(utcDay(2000, 2, 29));
      expect(parseDate('29/02/2024')).toBe(utcDay(2024, 2, 29));
      expect(parseDate('1900-02-29')).toBe(INVALID);
      expect(parseDate('29/02/2025')).toBe(INVALID);
      expect(parseDate('29/02/2100')).toBe(INVALID);
    });
  });

  it('empty text is null (not recorded)', () => {
    expect(parseDate('')).toBeNull();
    expect(parseDate('', 'mdy')).toBeNull();
  });

  it.each([
    ['garbage'],
    ['not a date'],
    ['2026'],
    ['2026-03'],
    ['26-03-05'],
    ['05.03.2026'],
    ['05-03-2026'],
    ['2026/03/05'],
    ['20260305'],
    ['Mar 5 2026'],
    ['March 5, 2026'],
    ['5th March 2026'],
    ['-'],
    ['N/A'],
    ['2026-03-05 garbage'],
    ['05/03/2026 whatever'],
    ['5 Mar 2026 tbc'],
  ])('garbage %s is INVALID', (text) => {
    expect(parseDate(text)).toBe(INVALID);
  });
});

describe('dayFromParts', () => {
  it('returns the UTC day number of a real date', () => {
    expect(dayFromParts(2026, 3, 5)).toBe(20517);
    expect(dayFromParts(1970, 1, 1)).toBe(0);
  });

  it.each([
    [2026, 2, 29],
    [2026, 0, 1],
    [2026, 13, 1],
    [2026, 1, 0],
    [2026, 1, 32],
  ])('%i-%i-%i is INVALID', (y, m, d) => {
    expect(dayFromParts(y, m, d)).toBe(INVALID);
  });

  it('years below 100 are not shifted into the 1900s', () => {
    // Date.UTC maps years 0..99 onto 1900..1999; a typo'd year 0026 must stay year 26.
    const day = dayFromParts(26, 3, 5);
    expect(day).toBe(-709968);
    expect(formatDay(day as number)).toBe('0026-03-05');
    expect(formatDay(parseDate('0026-03-05') as number)).toBe('0026-03-05');
    // Year 0 is a leap year (proleptic Gregorian); 1900 is not, so a shift would roll 29 Feb over.
    expect(formatDay(parseDate('0000-02-29') as number)).toBe('0000-02-29');
  });
});

describe('formatDay', () => {
  it.each([
    [0, '1970-01-01'],
    [-1, '1969-12-31'],
    [20517, '2026-03-05'],
    [19782, '2024-02-29'],
  ])('day %i is %s', (day, text) => {
    expect(formatDay(day)).toBe(text);
  });

  it.each([
    ['2026-03-05', '2026-03-05'],
    ['2024-02-29', '2024-02-29'],
    ['1999-12-31', '1999-12-31'],
    ['2026-03-05T10:30:00Z', '2026-03-05'],
    ['2026-3-5', '2026-03-05'],
    ['05/03/2026', '2026-03-05'],
    ['5/3/26', '2026-03-05'],
    ['29/02/2024', '2024-02-29'],
    ['5 Mar 2026', '2026-03-05'],
    ['31-December-2026', '2026-12-31'],
  ])('round-trips parseDate(%s) to %s', (text, iso) => {
    const day = parseDate(text);
    expect(typeof day).toBe('number');
    expect(formatDay(day as number)).toBe(iso);
  });

  it('round-trips every day of a leap year and a common year', () => {
    for (const year of [2024, 2026]) {
      const first = utcDay(year, 1, 1);
      const last = utcDay(year, 12, 31);
      for (let day = first; day <= last; day++) {
        const iso = formatDay(day);
        expect(parseDate(iso)).toBe(day);
        const [y, m, d] = iso.split('-');
        expect(parseDate(`${d}/${m}/${y}`)).toBe(day);
        expect(parseDate(`${m}/${d}/${y}`, 'mdy')).toBe(day);
      }
    }
  });
});

describe('dates do not depend on the process time zone', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it.each([['UTC'], ['Pacific/Kiritimati'], ['Pacific/Pago_Pago'], ['Europe/London'], ['America/New_York']])(
    'TZ=%s gives the same whole day numbers',
    (tz) => {
      process.env.TZ = tz;
      expect(parseDate('2026-03-05')).toBe(20517);
      expect(parseDate('2026-03-29T00:30:00Z')).toBe(20541); // UK clocks go forward that night
      expect(parseDate('05/03/2026')).toBe(20517);
      expect(parseDate('5 Mar 2026')).toBe(20517);
      expect(parseDate('2026-10-25 01:30')).toBe(20751); // UK clocks go back that night
      expect(formatDay(20517)).toBe('2026-03-05');
      expect(formatDay(0)).toBe('1970-01-01');
      expect(Number.isInteger(parseDate('2026-06-30') as number)).toBe(true);
    },
  );
});

describe('parseBoolean (empty is no)', () => {
  it.each([['yes'], ['YES'], ['Yes'], ['y'], ['Y'], ['true'], ['TRUE'], ['True'], ['1']])('%s is true', (text) => {
    expect(parseBoolean(text)).toBe(true);
  });

  it.each([['no'], ['NO'], ['No'], ['n'], ['N'], ['false'], ['FALSE'], ['False'], ['0']])('%s is false', (text) => {
    expect(parseBoolean(text)).toBe(false);
  });

  it('empty is false', () => {
    expect(parseBoolean('')).toBe(false);
  });

  it.each([['maybe'], ['2'], ['-1'], ['ye'], ['yess'], ['t'], ['f'], ['on'], ['off'], ['unknown'], ['x']])(
    '%s is INVALID',
    (text) => {
      expect(parseBoolean(text)).toBe(INVALID);
    },
  );
});

describe('parseOptionalBoolean (keeps not-recorded apart from no)', () => {
  it('empty is null', () => {
    expect(parseOptionalBoolean('')).toBeNull();
  });

  it.each([
    ['yes', true],
    ['Y', true],
    ['TRUE', true],
    ['1', true],
    ['no', false],
    ['N', false],
    ['False', false],
    ['0', false],
  ])('%s is %s', (text, value) => {
    expect(parseOptionalBoolean(text)).toBe(value);
  });

  it.each([['maybe'], ['unknown'], ['2']])('%s is INVALID', (text) => {
    expect(parseOptionalBoolean(text)).toBe(INVALID);
  });
});

describe('normaliseWord', () => {
  it.each([
    ['Very High', 'very_high'],
    ['very-high', 'very_high'],
    ['VERY_HIGH', 'very_high'],
    ['  very   high  ', 'very_high'],
    ['Failed to Attend', 'failed_to_attend'],
    ['a--b__c', 'a_b_c'],
    ['-x-', 'x'],
    ['', ''],
  ])('%j is %j', (text, word) => {
    expect(normaliseWord(text)).toBe(word);
  });
});

describe('parseRisk', () => {
  it.each([
    ['low', 'low'],
    ['Low', 'low'],
    ['LOW', 'low'],
    ['medium', 'medium'],
    ['Medium', 'medium'],
    ['high', 'high'],
    ['HIGH', 'high'],
    ['very_high', 'very_high'],
    ['Very High', 'very_high'],
    ['very high', 'very_high'],
    ['very-high', 'very_high'],
    ['VERY_HIGH', 'very_high'],
    ['Very-High', 'very_high'],
  ])('word %s is %s', (text, risk) => {
    expect(parseRisk(text)).toBe(risk);
  });

  it.each([
    ['L', 'low'],
    ['l', 'low'],
    ['M', 'medium'],
    ['m', 'medium'],
    ['H', 'high'],
    ['h', 'high'],
    ['VH', 'very_high'],
    ['vh', 'very_high'],
    ['Vh', 'very_high'],
  ])('initial %s is %s', (text, risk) => {
    expect(parseRisk(text)).toBe(risk);
  });

  it.each([
    ['RLRH', 'low'],
    ['RMRH', 'medium'],
    ['RHRH', 'high'],
    ['RVHR', 'very_high'],
    ['rvhr', 'very_high'],
    ['rlrh', 'low'],
  ])('Delius register code %s is %s', (text, risk) => {
    expect(parseRisk(text)).toBe(risk);
  });

  it('empty is null', () => {
    expect(parseRisk('')).toBeNull();
  });

  it.each([['mediumish'], ['V'], ['extreme'], ['very'], ['high risk'], ['RXRH'], ['4'], ['low/medium']])(
    '%s is INVALID',
    (text) => {
      expect(parseRisk(text)).toBe(INVALID);
    },
  );
});

describe('parseCaseStatus (empty is active, unknown is INVALID)', () => {
  it('empty is active', () => {
    expect(parseCaseStatus('')).toBe('active');
  });

  it.each([
    ['active', 'active'],
    ['Active', 'active'],
    ['ACTIVE', 'active'],
    ['custody', 'custody'],
    ['Custody', 'custody'],
    ['CUSTODY', 'custody'],
    ['warrant', 'warrant'],
    ['Warrant', 'warrant'],
    ['WARRANT', 'warrant'],
    ['terminated', 'terminated'],
    ['Terminated', 'terminated'],
    ['TERMINATED', 'terminated'],
  ])('%s is %s', (text, status) => {
    expect(parseCaseStatus(text)).toBe(status);
  });

  it.each([['closed'], ['in custody'], ['on licence'], ['unknown'], ['activ'], ['1']])('%s is INVALID', (text) => {
    expect(parseCaseStatus(text)).toBe(INVALID);
  });
});

describe('parseOfficerStatus (kept as normalised text)', () => {
  it.each([
    ['', 'active'],
    ['active', 'active'],
    ['Active', 'active'],
    ['Sick', 'sick'],
    ['SICK', 'sick'],
    ['LEFT', 'left'],
    ['Left', 'left'],
    ['leave', 'leave'],
    ['Suspended', 'suspended'],
    ['On Leave', 'on_leave'],
    ['Maternity-Leave', 'maternity_leave'],
  ])('%j is %j', (text, status) => {
    expect(parseOfficerStatus(text)).toBe(status);
  });
});

describe('parseOutcome', () => {
  it.each([
    ['attended'],
    ['Attended'],
    ['ATTENDED'],
    ['attended_complied'],
    ['Attended - Complied'],
    ['attended complied'],
    ['complied'],
    ['Complied'],
    ['ATTC'],
    ['attc'],
  ])('%s is attended', (text) => {
    expect(parseOutcome(text)).toBe('attended');
  });

  it.each([
    ['failed_to_attend'],
    ['Failed to Attend'],
    ['FAILED-TO-ATTEND'],
    ['FTA'],
    ['fta'],
    ['unacceptable_absence'],
    ['Unacceptable Absence'],
    ['UAAB'],
    ['uaab'],
  ])('%s is failed_to_attend', (text) => {
    expect(parseOutcome(text)).toBe('failed_to_attend');
  });

  it.each([
    ['acceptable_absence'],
    ['Acceptable Absence'],
    ['ACCEPTABLE-ABSENCE'],
    ['AAEM'],
    ['AACL'],
    ['AAFC'],
    ['AAHO'],
    ['aare'],
  ])('%s is acceptable_absence', (text) => {
    expect(parseOutcome(text)).toBe('acceptable_absence');
  });

  it.each([
    ['Rescheduled', 'rescheduled'],
    ['Not Recorded', 'not_recorded'],
    ['CANCELLED', 'cancelled'],
    ['Did-Not-Attend', 'did_not_attend'],
    ['', ''],
  ])('other text %j stays as normalised text %j', (text, word) => {
    expect(parseOutcome(text)).toBe(word);
  });

  it('unacceptable absence is not mistaken for an acceptable absence', () => {
    expect(parseOutcome('unacceptable absence')).not.toBe('acceptable_absence');
    expect(parseOutcome('UAAB')).not.toBe('acceptable_absence');
  });
});

describe('parseTier (A3..D0, an S suffix kept; scoringTier drops it)', () => {
  it.each([
    ['A3', 'A3'],
    ['A0', 'A0'],
    ['B2', 'B2'],
    ['C1', 'C1'],
    ['D0', 'D0'],
    ['D3', 'D3'],
    ['B2S', 'B2S'],
    ['A3S', 'A3S'],
    ['D0S', 'D0S'],
    ['b2', 'B2'],
    ['c1s', 'C1S'],
    ['a3S', 'A3S'],
  ])('%s is %s', (text, tier) => {
    expect(parseTier(text)).toBe(tier);
  });

  it.each([
    ['B2S', 'B2'],
    ['B2', 'B2'],
    ['D0S', 'D0'],
  ])('%s scores as %s', (tier, scoring) => {
    expect(scoringTier(tier)).toBe(scoring);
  });

  it('empty is null', () => {
    expect(parseTier('')).toBeNull();
  });

  it.each([['E1'], ['A4'], ['A'], ['3'], ['B22'], ['B2SS'], ['B2X'], ['SB2'], ['B 2'], ['tier B2']])(
    '%s is INVALID',
    (text) => {
      expect(parseTier(text)).toBe(INVALID);
    },
  );
});

describe('parseHours (non-negative number)', () => {
  it.each([
    ['37', 37],
    ['22.5', 22.5],
    ['0', 0],
    ['18.75', 18.75],
    ['037', 37],
    ['37.0', 37],
  ])('%s is %d', (text, hours) => {
    expect(parseHours(text)).toBe(hours);
  });

  it('empty is null', () => {
    expect(parseHours('')).toBeNull();
  });

  it.each([['-1'], ['-0.5'], ['abc'], ['37h'], ['22,5'], ['1e2'], ['.5'], ['5.'], ['Infinity'], ['NaN'], ['0x10']])(
    '%s is INVALID',
    (text) => {
      expect(parseHours(text)).toBe(INVALID);
    },
  );
});

describe('parseIsoDay (the fast path for YYYY-MM-DD)', () => {
  it('agrees with parseDate on every day of 1999 to 2030, and on days that do not exist', () => {
    for (let day = parseDate('1999-01-01') as number; day <= (parseDate('2030-12-31') as number); day++) {
      const text = formatDay(day);
      expect(parseIsoDay(text)).toBe(day);
    }
    for (const text of ['2026-02-29', '2026-02-30', '2025-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2024-02-30']) {
      expect(parseIsoDay(text)).toBe(INVALID);
      expect(parseDate(text)).toBe(INVALID);
    }
    expect(parseIsoDay('2024-02-29')).toBe(parseDate('2024-02-29'));
  });

  it('leaves every other form to parseDate', () => {
    for (const text of ['05/03/2026', '5 Mar 2026', '2026-3-5', '2026-03-05T10:00', '2026-03-0x', ' 2026-03-05', '2026/03/05', '']) {
      expect(parseIsoDay(text)).toBeUndefined();
    }
  });
});

describe('parseMappaLevel', () => {
  it.each([
    ['', 0], ['0', 0], ['none', 0], ['None', 0], ['1', 1], ['M2', 2], ['m3', 3], ['Level 1', 1], ['level-2', 2], ['LEVEL3', 3],
  ])('%j is level %d', (text, level) => expect(parseMappaLevel(text)).toBe(level));
  it.each(['4', 'M4', 'Level 0.5', 'high', 'L1'])('%j is unreadable', (text) => expect(parseMappaLevel(text)).toBe(INVALID));
});

describe('parsePercent', () => {
  it.each([
    ['', null], ['0', 0], ['80', 80], ['100', 100], ['20.5', 20.5], ['40%', 40], ['40 %', 40],
  ])('%j is %j', (text, value) => expect(parsePercent(text)).toBe(value));
  it.each(['101', '-5', 'eighty', '1e2', '50%%'])('%j is unreadable', (text) => expect(parsePercent(text)).toBe(INVALID));
});
