/** SPEC 1.3: report bad input, never lose a case. */
import { describe, expect, it } from 'vitest';
import { AS_OF, day, exportFolder, issueKeys, iso, read, readFiles } from './support.js';

const OFFENDERS_HEADER = 'crn,name,officer_id,risk,start_date,last_contact,status';

describe('a row of offenders.csv with a crn is always a case', () => {
  it('a bad date and an unknown risk become null, flag invalid_data, and are recorded with file, line, column, code and message', async () => {
    const dir = exportFolder({
      offenders: [OFFENDERS_HEADER, 'X1,Ann,P1,mediumish,2026-02-31,,active', 'X2,Bob,P1,low,2026-01-05,,active', 'X3,Cy,P2,VH,5 Foo 2026,notadate,'].join('\n') + '\n',
    });
    const exports = await read(dir);
    const file = `${dir}/offenders.csv`;
    expect(exports.cases.map((record) => [record.crn, record.risk, iso(record.startDate), record.lastContact, record.invalidData])).toEqual([
      ['X1', null, null, null, true],
      ['X2', 'low', '2026-01-05', null, false],
      ['X3', 'very_high', null, null, true],
    ]);
    // In line order; within a line, in any order.
    const byPlace = (a: { line: number | null; column: string | null }, b: { line: number | null; column: string | null }) =>
      a.line! - b.line! || a.column!.localeCompare(b.column!);
    expect([...exports.issues].sort(byPlace)).toEqual([
      { file, line: 2, column: 'risk', code: 'invalid_value', message: 'risk: unknown value "mediumish"' },
      { file, line: 2, column: 'start_date', code: 'invalid_value', message: 'start_date: invalid date "2026-02-31"' },
      { file, line: 4, column: 'last_contact', code: 'invalid_value', message: 'last_contact: invalid date "notadate"' },
      { file, line: 4, column: 'start_date', code: 'invalid_value', message: 'start_date: invalid date "5 Foo 2026"' },
    ]);
    expect(exports.issues.map((issue) => issue.line)).toEqual([2, 2, 4, 4]);
    expect(exports.inputs.find((input) => input.file === 'offenders')).toEqual({ file: 'offenders', path: file, rows: 3, used: 3, rejected: 0, ignored_columns: [], column_hints: [] });
  });

  it('every unreadable value of every column is caught, the rest of the row still read', async () => {
    const header = 'crn,officer_id,risk,name,tier,start_date,end_date,last_contact,address_known,da_flag,da_check,safeguarding_flag,safeguarding_check,last_assessment,status';
    const bad = 'X1,P1,severe,Ann,E9,soon,later,never,maybe,perhaps,tbc,unsure,x,y,paused';
    const exports = await readFiles({ offenders: `${header}\n${bad}\n` });
    const record = exports.cases[0]!;
    expect(record).toMatchObject({
      crn: 'X1', officerId: 'P1', name: 'Ann', risk: null, tier: null, startDate: null, endDate: null, lastContact: null,
      addressKnown: null, daFlag: false, daCheck: null, safeguardingFlag: false, safeguardingCheck: null, lastAssessment: null,
      status: 'active', invalidData: true,
    });
    expect(exports.issues.map((issue) => issue.column).sort()).toEqual(
      ['risk', 'tier', 'start_date', 'end_date', 'last_contact', 'address_known', 'da_flag', 'da_check', 'safeguarding_flag', 'safeguarding_check', 'last_assessment', 'status'].sort(),
    );
    expect(new Set(exports.issues.map((issue) => `${issue.line} ${issue.code}`))).toEqual(new Set(['2 invalid_value']));
    expect(exports.issues.find((issue) => issue.column === 'status')!.message).toContain('"paused"');
  });

  it('a case status other than the four is read as active', async () => {
    const exports = await readFiles({ offenders: `${OFFENDERS_HEADER}\nX1,Ann,P1,low,,,on hold\nX2,Bob,P1,low,,,Custody\nX3,Cy,P1,low,,,WARRANT\nX4,Di,P1,low,,,terminated\n` });
    expect(exports.cases.map((record) => [record.status, record.invalidData])).toEqual([
      ['active', true],
      ['custody', false],
      ['warrant', false],
      ['terminated', false],
    ]);
    expect(issueKeys(exports)).toEqual(['offenders.csv:2 status invalid_value']);
  });

  it('a short row is still a case: field_count issue, invalid_data, missing cells read as empty', async () => {
    const exports = await readFiles({ offenders: `${OFFENDERS_HEADER}\nX1,Ann,P1\nX2,Bob,P1,high,2026-01-05,,active,,,\nX3,Cy,P1,low,2026-01-05,,active,extra\n` });
    expect(exports.cases.map((record) => [record.crn, record.officerId, record.risk, record.invalidData])).toEqual([
      ['X1', 'P1', null, true],
      ['X2', 'P1', 'high', false], // trailing empty fields are harmless
      ['X3', 'P1', 'low', true],
    ]);
    expect(exports.issues.map((issue) => [issue.line, issue.column, issue.code, issue.message])).toEqual([
      [2, null, 'field_count', 'expected 7 fields, found 3'],
      [4, null, 'field_count', 'expected 7 fields, found 8'],
    ]);
  });
});

describe('rows that cannot be placed are rejected, counted and recorded', () => {
  it('offenders.csv: no crn (empty or blank)', async () => {
    const dir = exportFolder({ offenders: `${OFFENDERS_HEADER}\nX1,Ann,P1,low,,,\n,Bob,P1,low,,,\n  ,Cy,P2,high,,,\nX2,Di,P2,low,,,\n` });
    const exports = await read(dir);
    expect(exports.cases.map((record) => record.crn)).toEqual(['X1', 'X2']);
    expect(exports.issues).toEqual([
      { file: `${dir}/offenders.csv`, line: 3, column: 'crn', code: 'missing_key', message: 'crn: empty; the row cannot be placed' },
      { file: `${dir}/offenders.csv`, line: 4, column: 'crn', code: 'missing_key', message: 'crn: empty; the row cannot be placed' },
    ]);
    expect(exports.inputs.find((input) => input.file === 'offenders')).toMatchObject({ rows: 4, used: 2, rejected: 2 });
  });

  it('officers.csv: no officer_id', async () => {
    const exports = await readFiles({ officers: 'officer_id,name\nP1,Ann\n,Bob\nP2,Cy\n' });
    expect(exports.officers.map((officer) => officer.officerId)).toEqual(['P1', 'P2']);
    expect(issueKeys(exports)).toEqual(['officers.csv:3 officer_id missing_key']);
    expect(exports.inputs.find((input) => input.file === 'officers')).toMatchObject({ rows: 3, used: 2, rejected: 1 });
  });

  it('contacts.csv: no crn, no date, or a date that cannot be read', async () => {
    const exports = await readFiles({
      contacts: 'crn,date,outcome\nX1,2026-11-01,attended\n,2026-11-02,attended\nX1,,attended\nX1,32/10/2026,attended\nX1,2026-11-03,attended\n',
    });
    expect(issueKeys(exports)).toEqual([
      'contacts.csv:3 crn missing_key',
      'contacts.csv:4 date missing_key',
      'contacts.csv:5 date invalid_value',
    ]);
    expect(exports.inputs.find((input) => input.file === 'contacts')).toMatchObject({ rows: 5, used: 2, rejected: 3 });
    expect(iso(exports.contacts!.get('X1')!.lastContact)).toBe('2026-11-03');
  });
});

describe('a crn listed twice', () => {
  it('the later row wins, the case gets duplicate_record, and the issue names both lines', async () => {
    const dir = exportFolder({ offenders: `${OFFENDERS_HEADER}\nX1,Ann,P1,low,,,\nX2,Bob,P1,low,,,\n"X1",Ann Lee,P2,high,,,\n` });
    const exports = await read(dir);
    // The later row's values, in the crn's first place.
    expect(exports.cases.map((record) => [record.crn, record.name, record.officerId, record.risk, record.duplicateRecord, record.line])).toEqual([
      ['X1', 'Ann Lee', 'P2', 'high', true, 4],
      ['X2', 'Bob', 'P1', 'low', false, 3],
    ]);
    expect(exports.issues).toHaveLength(1);
    expect(exports.issues[0]).toMatchObject({ file: `${dir}/offenders.csv`, line: 4, column: 'crn', code: 'duplicate_record' });
    expect(exports.issues[0]!.message).toMatch(/\b2\b.*\b4\b/);
    // Both rows were read and placed; there is one case.
    expect(exports.inputs.find((input) => input.file === 'offenders')).toMatchObject({ rows: 3, rejected: 0 });
  });

  it('a crn is matched after trimming', async () => {
    const exports = await readFiles({ offenders: `${OFFENDERS_HEADER}\nX1,Ann,P1,low,,,\n X1 ,Ann,P1,low,,,\n` });
    expect(exports.cases.map((record) => [record.crn, record.duplicateRecord])).toEqual([['X1', true]]);
  });

  it('an officer_id listed twice: the later row wins', async () => {
    const exports = await readFiles({ officers: 'officer_id,name,grade\nP1,Ann,PO\nP2,Bob,PSO\nP1,Ann Lee,SPO\n' });
    expect(exports.officers.map((officer) => [officer.officerId, officer.name, officer.grade, officer.line])).toEqual([
      ['P2', 'Bob', 'PSO', 3],
      ['P1', 'Ann Lee', 'SPO', 4],
    ]);
    expect(issueKeys(exports)).toEqual(['officers.csv:4 officer_id duplicate_record']);
    expect(exports.issues[0]!.message).toMatch(/\b2\b.*\b4\b/);
  });
});

describe('contacts that cannot count', () => {
  const offenders = `${OFFENDERS_HEADER}\nX1,Ann,P1,low,2026-01-05,,\nX2,Bob,P1,low,2026-01-05,,\n`;

  it('a contact for a crn not in offenders.csv is rejected, recorded and counts nowhere', async () => {
    const dir = exportFolder({ offenders, contacts: 'crn,date,outcome\nX1,2026-10-01,attended\nX9,2026-11-10,attended\nx1,2026-11-11,attended\n' });
    const exports = await read(dir);
    expect(exports.issues).toEqual([
      { file: `${dir}/contacts.csv`, line: 3, column: 'crn', code: 'unknown_crn', message: 'crn X9 is not in offenders.csv; contact not counted' },
      { file: `${dir}/contacts.csv`, line: 4, column: 'crn', code: 'unknown_crn', message: 'crn x1 is not in offenders.csv; contact not counted' },
    ]);
    expect(iso(exports.contacts!.get('X1')!.lastContact)).toBe('2026-10-01');
    expect(exports.contacts!.get('X9')).toBeUndefined();
    expect(exports.inputs.find((input) => input.file === 'contacts')).toEqual({ file: 'contacts', path: `${dir}/contacts.csv`, rows: 3, used: 1, rejected: 2, ignored_columns: [], column_hints: [] });
  });

  it('a contact dated after the as-of date is rejected, recorded, and never moves last contact', async () => {
    const dir = exportFolder({ offenders, contacts: 'crn,date,outcome\nX1,2026-10-01,attended\nX1,2026-11-17,attended\nX2,2027-01-01,failed_to_attend\nX1,2026-11-16,attended\n' });
    const exports = await read(dir);
    expect(exports.issues).toEqual([
      { file: `${dir}/contacts.csv`, line: 3, column: 'date', code: 'future_contact', message: 'date: 2026-11-17 is after the as-of date; contact not counted' },
      { file: `${dir}/contacts.csv`, line: 4, column: 'date', code: 'future_contact', message: 'date: 2027-01-01 is after the as-of date; contact not counted' },
    ]);
    expect(iso(exports.contacts!.get('X1')!.lastContact)).toBe('2026-11-16'); // the as-of date itself counts
    expect(exports.contacts!.get('X2')?.failedToAttend ?? 0).toBe(0);
    expect(exports.inputs.find((input) => input.file === 'contacts')).toMatchObject({ rows: 4, used: 2, rejected: 2 });
  });

  it('the same contacts read as of a later date all count', async () => {
    const exports = await readFiles(
      { offenders, contacts: 'crn,date,outcome\nX1,2026-10-01,attended\nX1,2026-11-17,attended\n' },
      { asOf: day('2026-11-17') },
    );
    expect(exports.issues).toEqual([]);
    expect(iso(exports.contacts!.get('X1')!.lastContact)).toBe('2026-11-17');
  });
});

describe("offenders.csv's own last_contact", () => {
  it('after the as-of date is ignored, with an issue', async () => {
    const dir = exportFolder({ offenders: `${OFFENDERS_HEADER}\nX1,Ann,P1,low,,2026-11-20,\nX2,Bob,P1,low,,2026-11-16,\nX3,Cy,P1,low,,16/11/2026,\n` });
    const exports = await read(dir);
    expect(exports.cases.map((record) => iso(record.lastContact))).toEqual([null, '2026-11-16', '2026-11-16']);
    expect(exports.issues).toEqual([
      { file: `${dir}/offenders.csv`, line: 2, column: 'last_contact', code: 'future_date', message: 'last_contact: 2026-11-20 is after the as-of date; not counted' },
    ]);
    expect(exports.cases[0]!.lastContact).toBeNull();
    expect(AS_OF).toBe(day('2026-11-16'));
  });
});

describe('reconciliation: rows read = rows used + rows rejected, for every file', () => {
  it('holds with every kind of bad row at once, blank lines not counted as rows', async () => {
    const dir = exportFolder({
      officers: 'officer_id,name\nP1,Ann\n\n,Nobody\nP1,Ann again\nP2,Bob\n',
      offenders: `${OFFENDERS_HEADER}\nX1,Ann,P1,low,,,\n,Bob,P1,low,,,\n\nX2,Cy,P9,bad,,,\nX1,Ann,P2,low,,,\nX3\n,,,,,,\n`,
      contacts: 'crn,date,outcome\nX1,2026-11-01,attended\nX9,2026-11-01,attended\n,2026-11-01,attended\nX2,,attended\nX2,2026-11-30,attended\n\nX3,2026-11-02,FTA\n',
    });
    const exports = await read(dir);
    expect(exports.inputs).toEqual([
      { file: 'officers', path: `${dir}/officers.csv`, rows: 4, used: 3, rejected: 1, ignored_columns: [], column_hints: [] },
      { file: 'offenders', path: `${dir}/offenders.csv`, rows: 5, used: 4, rejected: 1, ignored_columns: [], column_hints: [] },
      { file: 'contacts', path: `${dir}/contacts.csv`, rows: 6, used: 2, rejected: 4, ignored_columns: [], column_hints: [] },
    ]);
    for (const input of exports.inputs) expect(input.used + input.rejected).toBe(input.rows);
    expect(exports.cases.map((record) => record.crn)).toEqual(['X1', 'X2', 'X3']);
    expect(issueKeys(exports)).toEqual([
      'officers.csv:4 officer_id missing_key',
      'officers.csv:5 officer_id duplicate_record',
      'offenders.csv:3 crn missing_key',
      'offenders.csv:5 risk invalid_value',
      'offenders.csv:6 crn duplicate_record',
      'offenders.csv:7 - field_count',
      'contacts.csv:3 crn unknown_crn',
      'contacts.csv:4 crn missing_key',
      'contacts.csv:5 date missing_key',
      'contacts.csv:6 date future_contact',
    ]);
  });
});

describe('columns present', () => {
  it('records which canonical columns each file has, so checks on absent ones can be skipped', async () => {
    const exports = await readFiles({
      officers: 'Staff Code,Name,Notes\nP1,Ann,x\n',
      offenders: 'crn,officer_id,risk,DA Flag,tier\nX1,P1,low,yes,A1\n',
      contacts: 'case_id,contact_date,type\nX1,2026-11-01,office\n',
    });
    expect([...exports.columns.officers].sort()).toEqual(['name', 'officer_id']);
    expect([...exports.columns.offenders].sort()).toEqual(['crn', 'da_flag', 'officer_id', 'risk', 'tier']);
    expect([...exports.columns.contacts!].sort()).toEqual(['crn', 'date', 'type']);
  });

  it('no contacts.csv: contacts and its columns are null, and it has no input line', async () => {
    const exports = await readFiles({});
    expect(exports.contacts).toBeNull();
    expect(exports.columns.contacts).toBeNull();
    expect(exports.inputs.map((input) => input.file)).toEqual(['officers', 'offenders']);
  });
});
