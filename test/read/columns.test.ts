/** SPEC 1.1: header normalisation, aliases, config aliases, duplicates and missing columns. */
import { describe, expect, it } from 'vitest';
import { closestHeader, closestValues, mapHeaders, normaliseHeader, type FileKind } from '../../src/read/columns.js';
import { InputError } from '../../src/errors.js';
import { exportFolder, read, readFiles, rejection, issueKeys } from './support.js';

/** SPEC 1.1, copied by hand: file → canonical column → [required, aliases]. */
const SPEC_COLUMNS: Record<FileKind, Record<string, [boolean, string[]]>> = {
  officers: {
    officer_id: [true, ['officer', 'staff_id', 'staff_code', 'om_key']],
    name: [false, ['officer_name', 'staff_name']],
    grade: [false, ['role', 'om_grade']],
    team: [false, ['team_code']],
    pdu: [false, ['ldu', 'district', 'unit']],
    manager_id: [false, ['manager', 'spo_id', 'supervisor_id']],
    contracted_hours: [false, ['hours']],
    status: [false, []],
    status_since: [false, ['absent_since']],
    start_date: [false, []],
    agency: [false, []],
    last_supervision: [false, []],
    email: [false, ['email_address']],
  },
  offenders: {
    crn: [true, ['case_id', 'case_ref', 'offender_id', 'person_id']],
    officer_id: [true, ['officer', 'responsible_officer', 'staff_code', 'om_key']],
    risk: [true, ['rosh', 'risk_level', 'rosh_level']],
    name: [false, ['offender_name', 'person_name']],
    tier: [false, []],
    sentence_type: [false, ['sentence']],
    start_date: [false, ['supervision_start']],
    end_date: [false, ['supervision_end', 'expiry_date']],
    last_contact: [false, ['last_seen']],
    address_known: [false, []],
    da_flag: [false, ['domestic_abuse']],
    da_check: [false, ['da_check_date']],
    safeguarding_flag: [false, ['child_safeguarding']],
    safeguarding_check: [false, ['safeguarding_check_date']],
    last_assessment: [false, ['rosh_date', 'assessment_date']],
    status: [false, ['case_status']],
  },
  contacts: {
    crn: [true, ['case_id', 'case_ref', 'offender_id', 'person_id']],
    date: [true, ['contact_date']],
    outcome: [false, []],
    type: [false, ['contact_type']],
    officer_id: [false, []],
  },
};

/** `case_ref` → `Case Ref`: how a spreadsheet user would title the column. */
const titled = (name: string): string => name.split('_').map((word) => word[0]!.toUpperCase() + word.slice(1)).join(' ');

describe('normaliseHeader', () => {
  it.each([
    ['officer_id', 'officer_id'],
    ['Officer ID', 'officer_id'],
    ['officer-id', 'officer_id'],
    ['OFFICER_ID', 'officer_id'],
    ['  Officer   ID  ', 'officer_id'],
    ['\uFEFFofficer_id', 'officer_id'],
    ['Officer.ID', 'officer_id'],
    ['officer__id', 'officer_id'],
    ['(Officer) ID:', 'officer_id'],
    ['Case Ref.', 'case_ref'],
    ['RoSH Level', 'rosh_level'],
    ['E-mail', 'e_mail'],
    ['Date of Contact (dd/mm/yyyy)', 'date_of_contact_dd_mm_yyyy'],
  ])('%j → %s', (header, expected) => {
    expect(normaliseHeader(header)).toBe(expected);
  });
});

describe('mapHeaders: every canonical name and alias of SPEC 1.1', () => {
  const rows = Object.entries(SPEC_COLUMNS).flatMap(([kind, columns]) =>
    Object.entries(columns).flatMap(([column, [, aliases]]) =>
      [column, ...aliases].flatMap((name) => [
        { kind: kind as FileKind, column, header: name },
        { kind: kind as FileKind, column, header: titled(name) },
        { kind: kind as FileKind, column, header: name.toUpperCase().replace(/_/g, '-') },
      ]),
    ),
  );

  it.each(rows)('$kind: header "$header" reads as $column', ({ kind, column, header }) => {
    // The other required columns, by canonical name, so only `header` is on trial.
    const others = Object.entries(SPEC_COLUMNS[kind])
      .filter(([name, [required]]) => required && name !== column)
      .map(([name]) => name);
    const headers = ['unrelated', ...others, header];
    const map = mapHeaders(kind, headers);
    expect(map.index).toMatchObject({ [column]: headers.length - 1 });
    expect(map.missing).toEqual([]);
    expect(map.duplicates).toEqual([]);
  });

  it('lists no column the SPEC does not (the table above is the whole of SPEC 1.1)', () => {
    for (const kind of ['officers', 'offenders', 'contacts'] as const) {
      const all = Object.keys(SPEC_COLUMNS[kind]);
      expect(Object.keys(mapHeaders(kind, all).index).sort()).toEqual([...all].sort());
    }
  });

  it('reports every required column a header lacks, in SPEC order', () => {
    expect(mapHeaders('offenders', ['name', 'tier']).missing).toEqual(['crn', 'officer_id', 'risk']);
    expect(mapHeaders('contacts', ['crn']).missing).toEqual(['date']);
    expect(mapHeaders('officers', ['name']).missing).toEqual(['officer_id']);
  });

  it('ignores unknown columns', () => {
    const map = mapHeaders('contacts', ['Notes', 'crn', 'Location', 'date']);
    expect(map.index).toEqual({ crn: 1, date: 3 });
  });
});

describe('mapHeaders: canonical names beat aliases, the first header wins', () => {
  it('reads officer_id, not its alias officer, whichever comes first', () => {
    const map = mapHeaders('offenders', ['crn', 'Officer', 'risk', 'Officer ID']);
    expect(map.index.officer_id).toBe(3);
    expect(map.duplicates).toEqual([{ header: 'Officer', column: 'officer_id' }]);
  });

  it('reads crn before case_id, and an earlier alias before a later one', () => {
    expect(mapHeaders('offenders', ['Case ID', 'CRN', 'officer_id', 'risk']).index.crn).toBe(1);
    // case_id is listed before person_id in SPEC 1.1
    expect(mapHeaders('offenders', ['person_id', 'case_id', 'officer_id', 'risk']).index.crn).toBe(1);
  });

  it('keeps the first of two headers that normalise alike and reports the second', () => {
    const map = mapHeaders('officers', ['officer_id', 'Name', 'Officer ID', 'NAME']);
    expect(map.index).toMatchObject({ officer_id: 0, name: 1 });
    expect(map.duplicates).toEqual([
      { header: 'Officer ID', column: 'officer_id' },
      { header: 'NAME', column: 'name' },
    ]);
  });

  it('never lets one header serve two columns', () => {
    // A config alias that names another column's header: the header stays with the earlier column.
    const map = mapHeaders('offenders', ['crn', 'officer_id', 'risk'], { offenders: { name: ['crn'] } });
    expect(map.index).toEqual({ crn: 0, officer_id: 1, risk: 2 });
    expect(map.duplicates).toEqual([]);
  });
});

describe('mapHeaders: config `columns` adds aliases', () => {
  it('matches an extra alias after normalising both sides', () => {
    const map = mapHeaders('offenders', ['Ref No.', 'OM', 'Risk Band'], {
      offenders: { crn: ['ref no'], officer_id: ['OM'], risk: ['risk-band'] },
    });
    expect(map.index).toEqual({ crn: 0, officer_id: 1, risk: 2 });
    expect(map.missing).toEqual([]);
  });

  it('applies to its own file only', () => {
    const extra = { contacts: { crn: ['ref_no'] } };
    expect(mapHeaders('offenders', ['ref_no', 'officer_id', 'risk'], extra).missing).toEqual(['crn']);
    expect(mapHeaders('contacts', ['ref_no', 'date'], extra).missing).toEqual([]);
  });

  it('still ranks below the canonical name', () => {
    const map = mapHeaders('contacts', ['visit_date', 'crn', 'date'], { contacts: { date: ['visit_date'] } });
    expect(map.index.date).toBe(2);
    expect(map.duplicates).toEqual([{ header: 'visit_date', column: 'date' }]);
  });

  it('is used by readExports from config.columns', async () => {
    const exports = await readFiles(
      { offenders: 'Ref No,OM,Risk Band\nX1,P1,high\n', contacts: 'Ref No,Seen On\nX1,2026-11-02\n' },
      { config: { columns: { officers: {}, offenders: { crn: ['Ref No'], officer_id: ['om'], risk: ['risk band'] }, contacts: { crn: ['ref_no'], date: ['seen on'] } } } },
    );
    expect(exports.cases.map((record) => [record.crn, record.officerId, record.risk])).toEqual([['X1', 'P1', 'high']]);
    expect(exports.contacts?.get('X1')?.lastContact).not.toBeNull();
    expect(exports.issues).toEqual([]);
  });
});

describe('duplicate headers in a file', () => {
  it('record an issue duplicate_column on line 1 and read the first', async () => {
    const exports = await readFiles({ offenders: 'crn,officer_id,risk,Risk\nX1,P1,low,high\n' });
    expect(exports.cases[0]!.risk).toBe('low');
    expect(issueKeys(exports)).toEqual(['offenders.csv:1 risk duplicate_column']);
    expect(exports.issues[0]!.message).toContain('"Risk"');
  });
});

describe('closestHeader', () => {
  it('suggests the header nearest the wanted column', () => {
    expect(closestHeader('officer_id', ['crn', 'Oficer ID', 'risk'])).toBe('Oficer ID');
    expect(closestHeader('crn', ['Name', 'CRM'])).toBe('CRM');
    expect(closestHeader('risk', ['rsk', 'risks'])).toBe('rsk'); // a tie: the first
  });

  it('suggests nothing when every header is far off', () => {
    expect(closestHeader('officer_id', ['crn', 'risk', 'tier'])).toBeNull();
    expect(closestHeader('crn', [])).toBeNull();
  });
});

describe('a missing required column', () => {
  it('is an InputError (exit 3) naming the file, the column, the headers found and the closest', async () => {
    const dir = exportFolder({ offenders: 'CRN,Oficer ID,Risk,Name\nX1,P1,low,Ann\n' });
    const error = await rejection(() => read(dir));
    expect(error).toBeInstanceOf(InputError);
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(`${dir}/offenders.csv: missing required column officer_id; found CRN, Oficer ID, Risk, Name; did you mean "Oficer ID"? To read it as officer_id, add to the config file: {"columns":{"offenders":{"officer_id":["Oficer ID"]}}}`);
  });

  it('names the other missing columns too, and gives no suggestion when none is close', async () => {
    const dir = exportFolder({ offenders: 'reference,allocated to,band\nX1,P1,low\n' });
    const error = await rejection(() => read(dir));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(`${dir}/offenders.csv: missing required column crn (and officer_id, risk); found reference, allocated to, band`);
    expect(error.message).not.toContain('did you mean');
  });

  it('is checked in officers.csv and contacts.csv as well', async () => {
    const officers = exportFolder({ officers: 'name,grade\nAnn,PO\n' });
    expect((await rejection(() => read(officers))).message).toMatch(/officers\.csv: missing required column officer_id; found name, grade/);
    const contacts = exportFolder({ contacts: 'crn,when\nX1,2026-11-01\n' });
    const error = await rejection(() => read(contacts));
    expect(error.exitCode).toBe(3);
    expect(error.message).toMatch(/contacts\.csv: missing required column date; found crn, when/);
  });

  it('an empty file is an input error naming it', async () => {
    const dir = exportFolder({ offenders: '' });
    const error = await rejection(() => read(dir));
    expect(error.exitCode).toBe(3);
    expect(error.message).toContain(`${dir}/offenders.csv`);
  });
});

describe('closestValues', () => {
  it('names the nearest values first, ignoring case, at most `count`', () => {
    expect(closestValues('X536762', ['X100436', 'X536761', 'X536726', 'x536762'], 3, 2)).toEqual(['x536762', 'X536761', 'X536726']);
    expect(closestValues('X536762', ['X536761', 'X536726', 'X536760'], 2, 2)).toEqual(['X536761', 'X536760']);
  });

  it('names nothing further than maxDistance away', () => {
    expect(closestValues('X536762', ['X100436', 'Y999999'], 3, 2)).toEqual([]);
    expect(closestValues('ZZZ', [])).toEqual([]);
  });
});
