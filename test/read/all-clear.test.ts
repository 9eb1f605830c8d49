/**
 * SPEC 3.3 on the reading side: what caseload could not read is said, never passed off as a
 * clean week. Unread headers, footer rows, empty files, workbooks and officer codes in the
 * wrong case.
 */
import { describe, expect, it } from 'vitest';
import { mapHeaders, resemblingColumn } from '../../src/read/columns.js';
import { matchOfficerCodes } from '../../src/read/exports.js';
import type { CaseRecord, OfficerRecord } from '../../src/read/records.js';
import { isFooterRow } from '../../src/read/table.js';
import { isWorkbook } from '../../src/read/source.js';
import { InputError } from '../../src/errors.js';
import { exportFolder, issueKeys, read, rejection } from './support.js';

describe('headers that are no known column', () => {
  it('are listed in the order found; known columns, aliases, repeats and empty headers are not', () => {
    const header = mapHeaders('offenders', ['CRN', 'Last Contact Date', 'officer', 'risk', '', 'Notes', 'crn']);
    expect(header.ignored).toEqual(['Last Contact Date', 'Notes']);
  });

  it.each([
    ['Last Contact Date', 'last_contact'],
    ['Sentence Start Date', 'start_date'],
    ['Case Ref No', 'crn'],
    ['Ofender ID', 'crn'],
    ['Risk of Serious Harm Level', 'risk'],
    ['MAPPA Category', 'mappa_level'],
  ])('"%s" looks like %s', (header, column) => {
    expect(resemblingColumn('offenders', header, new Set())).toBe(column);
  });

  it('look like nothing when no known name sits in them or is a typo away', () => {
    for (const header of ['Notes', 'Date of Birth', 'Gender', 'Postcode', '']) expect(resemblingColumn('offenders', header, new Set())).toBeNull();
  });

  it('never look like a column the file already has', () => {
    expect(resemblingColumn('offenders', 'Last Contact Date', new Set(['last_contact']))).toBeNull();
    expect(resemblingColumn('offenders', 'Sentence Start Date', new Set(['start_date']))).toBe('sentence_type');
    expect(resemblingColumn('offenders', 'Sentence Start Date', new Set(['start_date', 'sentence_type']))).toBeNull();
  });

  it('are listed per file in inputs, with the known column each looks like', async () => {
    const dir = exportFolder({ offenders: 'crn,officer_id,risk,Last Contact Date,Notes\nX1,P1,low,2026-11-01,\n', officers: 'officer_id,Staff Grade\nP1,PO\n' });
    const exports = await read(dir);
    expect(exports.inputs.map((input) => [input.file, input.ignored_columns, input.column_hints])).toEqual([
      ['officers', ['Staff Grade'], [{ header: 'Staff Grade', column: 'grade' }]],
      ['offenders', ['Last Contact Date', 'Notes'], [{ header: 'Last Contact Date', column: 'last_contact' }]],
    ]);
  });

  it('are read once the config maps them', async () => {
    const dir = exportFolder({ offenders: 'crn,officer_id,risk,Last Contact Date\nX1,P1,low,2026-11-01\n' });
    const exports = await read(dir, { config: { columns: { officers: {}, offenders: { last_contact: ['Last Contact Date'] }, contacts: {} } } });
    expect(exports.inputs[1]!.ignored_columns).toEqual([]);
    expect(exports.cases[0]!.lastContact).not.toBeNull();
  });
});

describe('a missing required column', () => {
  it('names the unread header that looks like it, and the config that maps it', async () => {
    const dir = exportFolder({ offenders: 'Case Ref No,Officer ID,Risk\nX1,P1,low\n' });
    const error = await rejection(() => read(dir));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      `${dir}/offenders.csv: missing required column crn; found Case Ref No, Officer ID, Risk; did you mean "Case Ref No"? To read it as crn, add to the config file: {"columns":{"offenders":{"crn":["Case Ref No"]}}}`,
    );
  });

  it('with no header like it, still names the config that maps one', async () => {
    const dir = exportFolder({ offenders: 'Reference,Officer ID,Risk\nX1,P1,low\n' });
    const error = await rejection(() => read(dir));
    expect(error.message).toMatch(/missing required column crn; found Reference, Officer ID, Risk; to read another header as crn, name it in the config file: \{"columns":\{"offenders":\{"crn":\["<header>"\]\}\}\}$/);
  });
});

describe('spreadsheet footer rows', () => {
  it.each(['Total', 'TOTAL 40', 'Total rows: 40', 'totals', 'Count: 40', 'count'])('"%s" is a footer', (first) => {
    expect(isFooterRow([first, '', ''])).toBe(true);
  });

  it.each(['X100436', 'Counter', 'Totality', 'Countess', ''])('"%s" is not', (first) => {
    expect(isFooterRow([first, '', ''])).toBe(false);
  });

  it('at the end of offenders.csv and officers.csv are rejected with an issue and counted, not read', async () => {
    const dir = exportFolder({
      officers: 'officer_id,name\nP1,Ann\nP2,Bob\nTotal,2\n',
      offenders: 'crn,officer_id,risk\nX1,P1,low\nX2,P2,high\nTotal,,\n\nTotal rows: 2,,\n',
    });
    const exports = await read(dir);
    expect(exports.cases.map((record) => record.crn)).toEqual(['X1', 'X2']);
    expect(exports.officers.map((officer) => officer.officerId)).toEqual(['P1', 'P2']);
    expect(exports.inputs.map(({ rows, used, rejected }) => ({ rows, used, rejected }))).toEqual([
      { rows: 3, used: 2, rejected: 1 },
      { rows: 4, used: 2, rejected: 2 },
    ]);
    expect(issueKeys(exports)).toEqual(['officers.csv:4 - footer_row', 'offenders.csv:4 - footer_row', 'offenders.csv:6 - footer_row']);
  });

  it('followed by a case are cases after all: only trailing rows are footers', async () => {
    const dir = exportFolder({ offenders: 'crn,officer_id,risk\nTOTAL1,P1,low\nCount 2,P1,low\nX2,P2,high\n' });
    const exports = await read(dir);
    expect(exports.cases.map((record) => record.crn)).toEqual(['TOTAL1', 'Count 2', 'X2']);
    expect(exports.issues).toEqual([]);
  });
});

describe('a file with no rows', () => {
  it('offenders.csv with only a header is an input error, not a clean week', async () => {
    const dir = exportFolder({ offenders: 'crn,officer_id,risk\n' });
    const error = await rejection(() => read(dir));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(`${dir}/offenders.csv: no cases: no rows under its header; was the export cut short?`);
  });

  it('offenders.csv whose only rows are footers or cannot be placed is one too', async () => {
    const dir = exportFolder({ offenders: 'crn,officer_id,risk\n,P1,low\nTotal,,\n' });
    const error = await rejection(() => read(dir));
    expect(error.message).toBe(`${dir}/offenders.csv: no cases: none of its 2 rows could be read; was the export cut short?`);
  });

  it('officers.csv with only a header is one too: every case would be unknown_officer', async () => {
    const dir = exportFolder({ officers: 'officer_id,name\n' });
    const error = await rejection(() => read(dir));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(`${dir}/officers.csv: no officers: no rows under its header; was the export cut short?`);
  });
});

describe('a spreadsheet workbook given as a CSV', () => {
  it.each([
    ['xlsx or ods (zip)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])],
    ['xls (OLE)', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])],
  ])('%s is an input error saying to save it as CSV, whatever --encoding says', async (_kind, bytes) => {
    expect(isWorkbook(bytes)).toBe(true);
    const dir = exportFolder({ offenders: Buffer.concat([bytes, Buffer.from('\x00\x00crn,\n\xff\xfe')]) });
    for (const encoding of [undefined, 'windows-1252'] as const) {
      const error = await rejection(() => read(dir, { encoding }));
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toBe(`${dir}/offenders.csv: a spreadsheet workbook (.xlsx, .xls or .ods), not a CSV file; open it and save it as CSV (UTF-8)`);
    }
  });

  it('text that merely starts with PK is no workbook', () => {
    expect(isWorkbook(Buffer.from('PK,name\n'))).toBe(false);
  });
});

const officer = (officerId: string): OfficerRecord => ({
  line: 2, officerId, name: null, grade: null, team: null, pdu: null, managerId: null, contractedHours: 37, status: 'active',
  statusSince: null, startDate: null, agency: false, lastSupervision: null, email: null, reductionPct: 0,
});
const caseOf = (crn: string, officerId: string | null, line: number): CaseRecord => ({
  line, crn, officerId, risk: 'low', name: null, tier: null, sentenceType: null, startDate: null, endDate: null, lastContact: null,
  addressKnown: null, daFlag: false, daCheck: null, safeguardingFlag: false, safeguardingCheck: null, lastAssessment: null,
  status: 'active', team: null, pdu: null, resetMarked: false, mappaLevel: 0, invalidData: false, duplicateRecord: false,
});

describe('officer codes that differ from the roster only in case', () => {
  it('are read as the roster officer, with an issue on the case line', () => {
    const cases = [caseOf('X1', 'N07F726', 2), caseOf('X2', 'n07f726', 3), caseOf('X3', 'N99', 4), caseOf('X4', null, 5)];
    const issues = matchOfficerCodes(cases, [officer('N07F726')], 'offenders.csv');
    expect(cases.map((record) => record.officerId)).toEqual(['N07F726', 'N07F726', 'N99', null]);
    expect(issues).toEqual([
      { file: 'offenders.csv', line: 3, column: 'officer_id', code: 'officer_id_case', message: 'officer_id: "n07f726" is not on the roster; read as N07F726, which differs only in case' },
    ]);
  });

  it('match nobody when two roster codes differ only in case: which one is meant is unknown', () => {
    const cases = [caseOf('X1', 'Ab1', 2), caseOf('X2', 'ab1', 3)];
    const issues = matchOfficerCodes(cases, [officer('AB1'), officer('ab1')], 'offenders.csv');
    expect(cases.map((record) => record.officerId)).toEqual(['Ab1', 'ab1']);
    expect(issues).toEqual([]);
  });

  it('through readExports: the trailing space is trimmed, the case is the officer\'s, and the issue sits in line order', async () => {
    const dir = exportFolder({ offenders: 'crn,officer_id,risk\nX1,p1 ,low\nX2,P2,bad\nX3, p2,low\n' });
    const exports = await read(dir);
    expect(exports.cases.map((record) => record.officerId)).toEqual(['P1', 'P2', 'P2']);
    expect(issueKeys(exports)).toEqual(['offenders.csv:2 officer_id officer_id_case', 'offenders.csv:3 risk invalid_value', 'offenders.csv:4 officer_id officer_id_case']);
  });
});
