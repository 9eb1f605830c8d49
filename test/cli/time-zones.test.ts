/**
 * SPEC 2: everything is computed as of one calendar date, so the machine's time zone and its
 * clock changes never move a result. The same export, as of days around the UK clock changes
 * (29 March and 25 October 2026) with contacts, absences and supervisions on those days, gives
 * byte-identical JSON under zones from UTC-8 to UTC+14, half-hour DST (Lord Howe) included; and
 * without --as-of the date is today in the zone the machine is set to.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, type CliResult } from '../helpers/cli.js';

const ZONES = ['UTC', 'Europe/London', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Australia/Lord_Howe'];
/** The UK clock changes of 2026 and the days either side. */
const AS_OF_DATES = ['2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26'];

const EXPORT = {
  // P1 off sick from 8 March: 21 days on the 29th (not yet officer_absent), 22 on the 30th.
  // P2 last supervised 29 December: 90 days on 29 March (not yet no_supervision), 91 on the 30th.
  'officers.csv': [
    'officer_id,name,status,status_since,last_supervision,start_date',
    'P1,Ann Officer,sick,2026-03-08,2026-03-01,2020-01-01',
    'P2,Bob Officer,active,,29/12/2025,2026-03-29',
    'P3,Cy Officer,leave,2026-10-04 00:30,2026-10-25T00:59:59+01:00,2019-05-05',
  ].join('\n'),
  'offenders.csv': [
    'crn,name,officer_id,risk,start_date,last_contact,last_assessment,end_date',
    'X1,Dee Case,P1,high,2026-01-01,,2026-03-29,2026-10-25',
    'X2,Eve Case,P2,medium,2026-03-29,,29 Mar 2026,2027-01-01',
    'X3,Fay Case,P3,low,2025-10-25,2026-10-26,2025-10-25,2026-03-29',
    'X4,Gus Case,P3,very_high,25-Oct-2026,,,',
  ].join('\n'),
  // Contacts on the clock-change days, with time parts and offsets that must all be ignored.
  'contacts.csv': [
    'crn,date,outcome',
    'X1,2026-03-28 23:30,attended',
    'X1,2026-03-29T00:30:00Z,attended',
    'X1,2026-03-29T01:30:00+01:00,FTA',
    'X1,30/03/2026 00:15,FTA',
    'X2,2026-10-25T01:30:00+01:00,attended',
    'X2,25/10/2026 01:59,attended',
    'X2,2026-03-30T23:59:59-08:00,attended',
    'X3,2026-10-24T23:59:59Z,attended',
    'X3,2026-03-29 02:30,attended',
    'X4,2026-10-26T00:00:00+14:00,attended',
  ].join('\n'),
};

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((cleanup) => cleanup()));
const made = tempDir(EXPORT);
cleanups.push(made.cleanup);
const DIR = made.dir;

interface CaseJson {
  crn: string;
  last_contact: string | null;
  days_since_contact: number | null;
  flags: string[];
}

const dayNumber = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

describe('the time zone and clock changes', () => {
  /** `report --all --json` as of a date in a zone, run once for both tests below. */
  const reports = new Map<string, CliResult>();
  const reportIn = (asOf: string, zone: string): CliResult => {
    const key = `${asOf} ${zone}`;
    if (!reports.has(key)) reports.set(key, runCli(['report', DIR, '--all', '--json', '--as-of', asOf], { env: { TZ: zone } }));
    return reports.get(key)!;
  };

  it.each(AS_OF_DATES)('as of %s: byte-identical JSON in every zone, with calendar-day arithmetic', (asOf) => {
    const outputs = ZONES.map((zone) => {
      const result = reportIn(asOf, zone);
      expect([zone, result.exitCode, result.stderr]).toEqual([zone, 0, '']);
      return result.stdout;
    });
    for (const [at, output] of outputs.entries()) expect([ZONES[at], output]).toEqual([ZONES[at], outputs[0]]);

    // And the one output is right: dates as written, whole days between them.
    const doc = JSON.parse(outputs[0]!) as { as_of: string; cases: CaseJson[] };
    expect(doc.as_of).toBe(asOf);
    const lastSeen: Record<string, string[]> = {
      X1: ['2026-03-28', '2026-03-29'],
      X2: ['2026-03-30', '2026-10-25'],
      X3: ['2026-03-29', '2026-10-24', '2026-10-26'],
      X4: ['2026-10-26'],
    };
    for (const result of doc.cases) {
      const seen = lastSeen[result.crn]!.filter((date) => date <= asOf).at(-1) ?? null;
      expect([result.crn, result.last_contact, result.days_since_contact]).toEqual([result.crn, seen, seen === null ? null : dayNumber(asOf) - dayNumber(seen)]);
    }
  });

  it('thresholds counted in days fall on the same day in every zone: absence after 21 days, supervision after 90', () => {
    const flagsOn = (asOf: string, zone: string) => {
      const doc = JSON.parse(reportIn(asOf, zone).stdout) as {
        cases: CaseJson[];
        officers: { officer_id: string; flags: string[] }[];
      };
      return {
        x1Absent: doc.cases.find((result) => result.crn === 'X1')!.flags.includes('officer_absent'),
        p2Unsupervised: doc.officers.find((officer) => officer.officer_id === 'P2')!.flags.includes('no_supervision'),
      };
    };
    for (const zone of ['Pacific/Kiritimati', 'America/Los_Angeles']) {
      expect([zone, flagsOn('2026-03-29', zone)]).toEqual([zone, { x1Absent: false, p2Unsupervised: false }]);
      expect([zone, flagsOn('2026-03-30', zone)]).toEqual([zone, { x1Absent: true, p2Unsupervised: true }]);
    }
  });
});

describe('without --as-of', () => {
  /** `date +%F` in a zone: the system's own idea of today there. */
  const today = (zone: string): string => spawnSync('date', ['+%F'], { env: { ...process.env, TZ: zone }, encoding: 'utf8' }).stdout.trim();

  it.each(['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/London', 'Australia/Lord_Howe', 'America/Los_Angeles'])(
    'analyses as of today in the local zone (%s), as `date +%%F` there says',
    (zone) => {
      const before = today(zone);
      const result = runCli(['validate', DIR, '--json'], { env: { TZ: zone } });
      const after = today(zone);
      expect(result.exitCode).toBe(0);
      // A run across midnight may see either day.
      expect([before, after]).toContain((JSON.parse(result.stdout) as { as_of: string }).as_of);
    },
  );

  it('and so on different days where the zones are a day apart (UTC+14 and UTC-11 always are)', () => {
    const asOf = (zone: string): string => (JSON.parse(runCli(['validate', DIR, '--json'], { env: { TZ: zone } }).stdout) as { as_of: string }).as_of;
    const east = asOf('Pacific/Kiritimati');
    const west = asOf('Pacific/Pago_Pago');
    // 25 hours apart: Kiritimati is always one or two calendar days ahead.
    expect([1, 2]).toContain(dayNumber(east) - dayNumber(west));
  });
});
