#!/usr/bin/env node
/*
 * One small synthetic export written in the shapes real probation exports come in, so the
 * tests can check that every shape reads to the same cases (test/cli/validate.test.ts).
 *
 * The export, as of Monday 2026-11-16: 4 officers (one SPO, one PO, a PSO off sick since
 * 1 October, a PO who left in August), 12 cases, 30 contacts. Every name is invented. One
 * officer's name holds a comma ("Okafor, Grace"), one case's name a comma ("Smith, John") and
 * one a line break ("Anne" / "Marie Jones"); "René", "Chloé" and "Zoë" test the encodings.
 *
 * Shapes, each a folder of fixtures/shapes/ with officers.csv, offenders.csv and contacts.csv:
 *   canonical/     UTF-8, comma, LF, canonical headers, ISO dates
 *   aliased/       headers with spaces, capitals and aliases ("Case Ref", "Responsible Officer",
 *                  "RoSH Level"), other column order, an unknown column, value spellings
 *                  (risk H / RMRH / Very High, outcome ATTC / FTA / AAEM, booleans Y / N)
 *   bom-crlf/      UTF-8 with a byte-order mark, CRLF line ends
 *   utf16-tab/     UTF-16LE with a BOM, tab-separated, CRLF: Excel's "Unicode text"
 *   semicolon/     semicolons, DD/MM/YYYY dates, and "5 Mar 2026" / "9-Nov-2026" dates
 *   windows-1252/  windows-1252 bytes, CRLF (read with --encoding windows-1252)
 *   dirty/         canonical plus dirty rows: an officer with no officer_id, a bad date, an
 *                  unknown risk, a blank line, a row with no crn, a duplicated crn, a contact
 *                  dated after the as-of date and one for a crn not in offenders.csv
 * Every clean shape holds the same records on the same physical lines.
 *
 * Re-run:  node scripts/generate-shapes.mjs [OUT_DIR]   (no clock, no randomness: byte-identical output)
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

// An argument writes elsewhere (the tests check the checked-in files are what this script writes).
const OUT_DIR = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'shapes');

// ---------------------------------------------------------------------------------------------
// The export, in canonical columns and values
// ---------------------------------------------------------------------------------------------

const OFFICER_COLUMNS = ['officer_id', 'name', 'grade', 'team', 'pdu', 'manager_id', 'contracted_hours', 'status', 'status_since', 'start_date', 'agency', 'last_supervision', 'email'];
const OFFICER_DATES = new Set(['status_since', 'start_date', 'last_supervision']);
const OFFICERS = [
  ['S001', 'Okafor, Grace', 'SPO', 'Camden North', 'Camden and Islington', '', '37', 'active', '', '2015-04-01', 'no', '2026-10-01', 'grace.okafor@probation.example'],
  ['P101', 'René Dubois', 'PO', 'Camden North', 'Camden and Islington', 'S001', '37', 'active', '', '2020-02-03', 'no', '2026-09-15', 'rene.dubois@probation.example'],
  ['P102', 'Priya Shah', 'PSO', 'Camden North', 'Camden and Islington', 'S001', '22.5', 'sick', '2026-10-01', '2025-06-01', 'yes', '2026-06-01', 'priya.shah@probation.example'],
  ['P103', "Tom O'Neill", 'PO', 'Camden South', 'Camden and Islington', 'S001', '37', 'left', '2026-08-31', '2019-09-09', 'no', '2026-07-20', 'tom.oneill@probation.example'],
];

const OFFENDER_COLUMNS = ['crn', 'name', 'officer_id', 'risk', 'tier', 'sentence_type', 'start_date', 'end_date', 'last_contact', 'address_known', 'da_flag', 'da_check', 'safeguarding_flag', 'safeguarding_check', 'last_assessment', 'status'];
const OFFENDER_DATES = new Set(['start_date', 'end_date', 'last_contact', 'da_check', 'safeguarding_check', 'last_assessment']);
const OFFENDERS = [
  ['X000001', 'Smith, John', 'P101', 'high', 'B2', 'community_order', '2026-01-12', '2027-01-11', '', 'yes', 'no', '', 'no', '', '2026-09-01', 'active'],
  ['X000002', 'Anne\nMarie Jones', 'P101', 'medium', 'C2', 'licence', '2025-12-01', '2027-06-01', '', 'yes', 'yes', '2026-01-05', 'no', '', '2026-06-20', 'active'],
  ['X000003', 'Chloé Martin', 'P101', 'low', 'D1', 'suspended_sentence', '2025-05-19', '2027-05-18', '', 'yes', 'no', '', 'yes', '', '2026-03-02', 'active'],
  ['X000004', 'Ahmed Khan', 'P102', 'very_high', 'A2', 'licence', '2025-09-08', '2028-09-07', '', 'no', 'yes', '', 'no', '', '2026-08-14', 'active'],
  ['X000005', 'Lucy Brown', 'P102', 'medium', 'C1', 'community_order', '2025-11-03', '2026-11-02', '', 'yes', 'no', '', 'no', '', '2026-05-11', 'active'],
  ['X000006', 'Mark Davies', 'P103', 'high', 'B1', 'licence', '2024-07-22', '2027-07-21', '', 'yes', 'no', '', 'no', '', '2026-02-09', 'active'],
  ['X000007', 'Sara Nowak', '', '', '', 'community_order', '2026-06-01', '2027-05-31', '', '', 'no', '', 'no', '', '', 'active'],
  ['X000008', 'Daniel Wright', 'P999', 'low', 'D0S', 'pss', '2026-03-16', '2027-03-15', '', 'yes', 'no', '', 'no', '', '2026-04-01', 'active'],
  ['X000009', 'Fatima Ali', 'P101', 'high', 'B3', 'licence', '2026-11-01', '2028-10-31', '', 'yes', 'no', '', 'no', '', '2026-11-02', 'active'],
  ['X000010', 'Peter Green', 'P101', 'medium', 'C3', 'licence', '2024-02-05', '2027-02-04', '', 'yes', 'no', '', 'no', '', '2026-07-07', 'custody'],
  ['X000011', 'Gary Hill', 'P102', 'low', 'D2', 'community_order', '2024-01-08', '2026-01-07', '', 'yes', 'no', '', 'no', '', '2025-06-02', 'terminated'],
  ['X000012', 'Zoë Clarke', 'S001', 'medium', 'C0', 'community_order', '2026-04-20', '2027-10-19', '2026-11-09', 'yes', 'no', '', 'yes', '2026-05-01', '2026-10-12', 'active'],
];

const CONTACT_COLUMNS = ['crn', 'date', 'outcome', 'type', 'officer_id'];
const CONTACT_DATES = new Set(['date']);
const CONTACTS = [
  ['X000005', '2025-10-20', 'failed_to_attend', 'office', 'P102'],
  ['X000011', '2025-12-15', 'attended', 'office', 'P102'],
  ['X000010', '2026-01-19', 'attended', 'office', 'P101'],
  ['X000005', '2026-03-09', 'failed_to_attend', 'office', 'P102'],
  ['X000005', '2026-06-15', 'failed_to_attend', 'office', 'P102'],
  ['X000007', '2026-06-08', 'attended', 'office', 'P101'],
  ['X000006', '2026-07-06', 'attended', 'office', 'P103'],
  ['X000003', '2026-08-03', 'attended', 'office', 'P101'],
  ['X000006', '2026-08-10', 'attended', 'office', 'P103'],
  ['X000004', '2026-08-24', 'attended', 'office', 'P102'],
  ['X000003', '2026-09-01', 'attended', 'office', 'P101'],
  ['X000006', '2026-09-01', 'failed_to_attend', 'office', 'P103'],
  ['X000004', '2026-09-07', 'attended', 'home_visit', 'P102'],
  ['X000005', '2026-09-14', 'attended', 'office', 'P102'],
  ['X000004', '2026-09-21', 'attended', 'office', 'P102'],
  ['X000002', '2026-09-22', 'attended', 'office', 'P101'],
  ['X000008', '2026-09-28', 'attended', 'phone', 'P101'],
  ['X000003', '2026-10-01', 'attended', 'video', 'P101'],
  ['X000004', '2026-10-05', 'acceptable_absence', 'office', 'P102'],
  ['X000002', '2026-10-06', 'failed_to_attend', 'office', 'P101'],
  ['X000012', '2026-10-12', 'attended', 'office', 'S001'],
  ['X000001', '2026-10-13', 'attended', 'office', 'P101'],
  ['X000002', '2026-10-20', 'attended', 'phone', 'P101'],
  ['X000008', '2026-10-26', 'failed_to_attend', 'office', 'P101'],
  ['X000012', '2026-10-26', 'attended', 'phone', 'S001'],
  ['X000001', '2026-10-27', 'attended', 'office', 'P101'],
  ['X000003', '2026-10-29', 'failed_to_attend', 'office', 'P101'],
  ['X000005', '2026-11-02', 'attended', 'office', 'P102'],
  ['X000001', '2026-11-10', 'attended', 'home_visit', 'P101'],
  ['X000012', '2026-11-16', 'failed_to_attend', 'office', 'S001'],
];

if (OFFICERS.length !== 4 || OFFENDERS.length !== 12 || CONTACTS.length !== 30) throw new Error('the export changed size');

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/** RFC 4180: quote a field holding the delimiter, a quote or a line break; double its quotes. */
function csvField(value, delimiter) {
  return value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Lines may be `null` for a blank line. */
function csvText(header, rows, { delimiter = ',', eol = '\n' } = {}) {
  return [header, ...rows].map((row) => (row === null ? '' : row.map((value) => csvField(value, delimiter)).join(delimiter)) + eol).join('');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const isoParts = (iso) => iso.split('-').map(Number);
const slashed = (iso) => (iso === '' ? '' : `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`);
const spaced = (iso) => {
  if (iso === '') return '';
  const [year, month, day] = isoParts(iso);
  return `${day} ${MONTHS[month - 1]} ${year}`;
};
const hyphened = (iso) => {
  if (iso === '') return '';
  const [year, month, day] = isoParts(iso);
  return `${day}-${MONTHS[month - 1]}-${year}`;
};

/** Rewrites the date columns of each row. */
function withDates(columns, dateColumns, rows, format) {
  const formatOf = typeof format === 'function' ? () => format : (column) => format[column] ?? ((iso) => iso);
  return rows.map((row) => row.map((value, at) => (dateColumns.has(columns[at]) ? formatOf(columns[at])(value) : value)));
}

/** Renames headers and reorders columns: `order` lists [canonical, header as written]. */
function reshaped(columns, rows, order, values = {}) {
  const header = order.map(([, written]) => written);
  const body = rows.map((row) =>
    order.map(([canonical]) => {
      if (canonical === null) return 'see file';
      const value = row[columns.indexOf(canonical)];
      return values[canonical] ? values[canonical](value) : value;
    }),
  );
  return { header, rows: body };
}

const shapes = {};

const canonical = {
  'officers.csv': csvText(OFFICER_COLUMNS, OFFICERS),
  'offenders.csv': csvText(OFFENDER_COLUMNS, OFFENDERS),
  'contacts.csv': csvText(CONTACT_COLUMNS, CONTACTS),
};
shapes.canonical = canonical;

// aliased: every header spelled as some other system spells it
{
  const RISK = { low: 'L', medium: 'RMRH', high: 'H', very_high: 'Very High', '': '' };
  const YES_NO = { yes: 'Y', no: 'N', '': '' };
  const OUTCOME = { attended: 'ATTC', failed_to_attend: 'FTA', acceptable_absence: 'AAEM' };
  const officers = reshaped(OFFICER_COLUMNS, OFFICERS, [
    ['name', 'Staff Name'],
    ['officer_id', 'Staff Code'],
    ['grade', 'OM Grade'],
    ['team', 'Team Code'],
    ['pdu', 'LDU'],
    ['manager_id', 'Supervisor ID'],
    ['contracted_hours', 'Hours'],
    ['status', 'STATUS'],
    ['status_since', 'Absent Since'],
    ['start_date', 'Start-Date'],
    ['agency', 'Agency'],
    ['last_supervision', 'Last Supervision'],
    ['email', 'Email Address'],
  ], { agency: (value) => YES_NO[value] });
  const offenders = reshaped(OFFENDER_COLUMNS, OFFENDERS, [
    ['crn', 'Case Ref'],
    ['name', 'Person Name'],
    ['officer_id', 'Responsible Officer'],
    ['risk', 'RoSH Level'],
    ['tier', 'Tier'],
    ['sentence_type', 'Sentence'],
    ['start_date', 'Supervision Start'],
    ['end_date', 'Expiry Date'],
    ['last_contact', 'Last Seen'],
    [null, 'Notes'],
    ['address_known', 'Address Known'],
    ['da_flag', 'Domestic Abuse'],
    ['da_check', 'DA Check Date'],
    ['safeguarding_flag', 'Child Safeguarding'],
    ['safeguarding_check', 'Safeguarding Check Date'],
    ['last_assessment', 'RoSH Date'],
    ['status', 'Case Status'],
  ], {
    risk: (value) => RISK[value],
    address_known: (value) => YES_NO[value],
    da_flag: (value) => YES_NO[value],
    safeguarding_flag: (value) => YES_NO[value],
    status: (value) => value.toUpperCase(),
  });
  const contacts = reshaped(CONTACT_COLUMNS, CONTACTS, [
    ['date', 'Contact Date'],
    ['crn', 'Case ID'],
    ['type', 'Contact Type'],
    ['outcome', 'Outcome'],
    ['officer_id', 'Officer ID'],
  ], { outcome: (value) => OUTCOME[value], date: (value) => `${value}T10:30:00` });
  shapes.aliased = {
    'officers.csv': csvText(officers.header, officers.rows),
    'offenders.csv': csvText(offenders.header, offenders.rows),
    'contacts.csv': csvText(contacts.header, contacts.rows),
  };
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
shapes['bom-crlf'] = {
  'officers.csv': Buffer.concat([BOM, Buffer.from(csvText(OFFICER_COLUMNS, OFFICERS, { eol: '\r\n' }))]),
  'offenders.csv': Buffer.concat([BOM, Buffer.from(csvText(OFFENDER_COLUMNS, OFFENDERS, { eol: '\r\n' }))]),
  'contacts.csv': Buffer.concat([BOM, Buffer.from(csvText(CONTACT_COLUMNS, CONTACTS, { eol: '\r\n' }))]),
};

const utf16le = (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const tabbed = { delimiter: '\t', eol: '\r\n' };
shapes['utf16-tab'] = {
  'officers.csv': utf16le(csvText(OFFICER_COLUMNS, OFFICERS, tabbed)),
  'offenders.csv': utf16le(csvText(OFFENDER_COLUMNS, OFFENDERS, tabbed)),
  'contacts.csv': utf16le(csvText(CONTACT_COLUMNS, CONTACTS, tabbed)),
};

const semi = { delimiter: ';' };
shapes.semicolon = {
  'officers.csv': csvText(OFFICER_COLUMNS, withDates(OFFICER_COLUMNS, OFFICER_DATES, OFFICERS, slashed), semi),
  'offenders.csv': csvText(
    OFFENDER_COLUMNS,
    withDates(OFFENDER_COLUMNS, OFFENDER_DATES, OFFENDERS, { start_date: slashed, end_date: slashed, last_contact: hyphened, da_check: spaced, safeguarding_check: spaced, last_assessment: slashed }),
    semi,
  ),
  'contacts.csv': csvText(CONTACT_COLUMNS, withDates(CONTACT_COLUMNS, CONTACT_DATES, CONTACTS, spaced), semi),
};

function windows1252(text) {
  const bytes = iconv.encode(text, 'win1252');
  if (iconv.decode(bytes, 'win1252') !== text) throw new Error('text that windows-1252 cannot hold');
  return bytes;
}
const crlf = { eol: '\r\n' };
shapes['windows-1252'] = {
  'officers.csv': windows1252(csvText(OFFICER_COLUMNS, OFFICERS, crlf)),
  'offenders.csv': windows1252(csvText(OFFENDER_COLUMNS, OFFENDERS, crlf)),
  'contacts.csv': windows1252(csvText(CONTACT_COLUMNS, CONTACTS, crlf)),
};

// dirty: the lines each dirty row lands on are named in test/cli/validate.test.ts
{
  const blankOfficer = ['', 'Ghost Officer', 'PO', 'Camden North', 'Camden and Islington', 'S001', '37', 'active', '', '2024-01-01', 'no', '', ''];
  const offenders = OFFENDERS.map((row) => [...row]);
  offenders[2][OFFENDER_COLUMNS.indexOf('last_assessment')] = '31/02/2026'; // X000003: no such date
  offenders[7][OFFENDER_COLUMNS.indexOf('risk')] = 'mediumish'; // X000008
  const duplicate = [...OFFENDERS[4]]; // X000005 again, now allocated to P101 at high risk
  duplicate[OFFENDER_COLUMNS.indexOf('officer_id')] = 'P101';
  duplicate[OFFENDER_COLUMNS.indexOf('risk')] = 'high';
  const noCrn = ['', 'Nobody Known', 'P101', 'low', 'D0', 'community_order', '2026-01-05', '2027-01-04', '', 'yes', 'no', '', 'no', '', '', 'active'];
  const contacts = [
    ...CONTACTS.slice(0, 15),
    null, // a blank line
    ...CONTACTS.slice(15),
    ['X000001', '2026-11-20', 'attended', 'office', 'P101'], // after the as-of date
    ['X999999', '2026-11-02', 'attended', 'office', 'P101'], // not in offenders.csv
  ];
  shapes.dirty = {
    'officers.csv': csvText(OFFICER_COLUMNS, [...OFFICERS, blankOfficer]),
    'offenders.csv': csvText(OFFENDER_COLUMNS, [...offenders.slice(0, 6), null, ...offenders.slice(6), noCrn, duplicate]),
    'contacts.csv': csvText(CONTACT_COLUMNS, contacts),
  };
}

rmSync(OUT_DIR, { recursive: true, force: true });
for (const [shape, files] of Object.entries(shapes)) {
  mkdirSync(join(OUT_DIR, shape), { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(OUT_DIR, shape, name), content);
}
console.log(`wrote ${Object.keys(shapes).length} shapes to ${OUT_DIR}`);
