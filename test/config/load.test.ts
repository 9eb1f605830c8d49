/** SPEC 4: finding, merging and validating the config file. */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, readConfig, validateConfig } from '../../src/config/load.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { UsageError } from '../../src/errors.js';
import { tempDir } from '../helpers/cli.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function dirWith(files: Record<string, string | Buffer>): string {
  const { dir, cleanup } = tempDir(files);
  cleanups.push(cleanup);
  return dir;
}

/** The UsageError validateConfig throws for `raw`; fails when it accepts it. */
function configError(raw: unknown, file = 'caseload.config.json'): UsageError {
  try {
    validateConfig(raw, file);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    return error as UsageError;
  }
  throw new Error(`accepted ${JSON.stringify(raw)}`);
}

async function loadError(explicit: string | undefined, cwd: string): Promise<UsageError> {
  try {
    await loadConfig(explicit, cwd);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    return error as UsageError;
  }
  throw new Error('loadConfig accepted the file');
}

describe('loadConfig: which file', () => {
  it('uses the defaults when there is no --config and no caseload.config.json', async () => {
    const result = await loadConfig(undefined, dirWith({ 'other.json': '{"lost_after_days": 1}' }));
    expect(result).toEqual({ config: DEFAULT_CONFIG, path: null, notes: [] });
  });

  it('picks up caseload.config.json from the working directory', async () => {
    const result = await loadConfig(undefined, dirWith({ 'caseload.config.json': '{"lost_after_days": 90}' }));
    expect(result.path).toBe('caseload.config.json');
    expect(result.config.lost_after_days).toBe(90);
  });

  it('--config FILE wins over caseload.config.json, relative to the working directory', async () => {
    const dir = dirWith({ 'caseload.config.json': '{"lost_after_days": 90}', 'conf/region.json': '{"lost_after_days": 120}' });
    const result = await loadConfig('conf/region.json', dir);
    expect(result.path).toBe('conf/region.json');
    expect(result.config.lost_after_days).toBe(120);
  });

  it('a missing --config file is a usage error naming it', async () => {
    const error = await loadError('nope.json', dirWith({}));
    expect(error.message).toBe('nope.json: no such config file');
  });

  it('reads a file saved with a byte-order mark', async () => {
    const result = await loadConfig(undefined, dirWith({ 'caseload.config.json': '\uFEFF{"manager_span": 300}' }));
    expect(result.config.manager_span).toBe(300);
  });

  it.each([
    ['{"lost_after_days": 90,}', 'caseload.config.json:1: not valid JSON'],
    ['{\n  "lost_after_days": 90,\n  "manager_span": \n}\n', 'caseload.config.json'],
    ['{\n  "lost_after_days": 90\n  "manager_span": 3\n}\n', 'caseload.config.json:3: not valid JSON'],
    ['', 'caseload.config.json: not valid JSON'],
    ["{'lost_after_days': 90}", 'caseload.config.json:1: not valid JSON'],
  ])('invalid JSON %j is a one-line usage error naming the file (and line where known)', async (text, start) => {
    const error = await loadError(undefined, dirWith({ 'caseload.config.json': text }));
    expect(error.message.startsWith(start)).toBe(true);
    expect(error.message).toContain('not valid JSON');
    expect(error.message).not.toMatch(/[\r\n]/);
  });

  it('a file that is not a JSON object is a usage error', async () => {
    expect((await loadError(undefined, dirWith({ 'caseload.config.json': '[1, 2]' }))).message).toBe('caseload.config.json: expected a JSON object');
    expect(configError(null).message).toBe('caseload.config.json: expected a JSON object');
    expect(configError('lost_after_days').message).toBe('caseload.config.json: expected a JSON object');
  });
});

describe('validateConfig: a partial file over the defaults', () => {
  it('an empty object, or the defaults themselves, give the defaults', () => {
    expect(validateConfig({}, 'c.json')).toEqual(DEFAULT_CONFIG);
    expect(validateConfig(JSON.parse(JSON.stringify(DEFAULT_CONFIG)), 'c.json')).toEqual(DEFAULT_CONFIG);
  });

  it('merges nested objects key by key', () => {
    const config = validateConfig({ contact_standards: { medium: 10 }, points: { licence: { A3: 250 } } }, 'c.json');
    expect(config.contact_standards).toEqual({ ...DEFAULT_CONFIG.contact_standards, medium: 10 });
    expect(config.points.licence).toEqual({ ...DEFAULT_CONFIG.points.licence, A3: 250 });
    expect(config.points.community).toEqual(DEFAULT_CONFIG.points.community);
    expect(config.points.risks).toEqual(DEFAULT_CONFIG.points.risks);
    expect(config.lost_after_days).toBe(56);
    expect(config.date_order).toBe('dmy');
  });

  it('replaces lists and scalars whole, and takes null where null is allowed', () => {
    const config = validateConfig(
      { contacts: { count_outcomes: ['attended', 'acceptable_absence'], count_types: ['office'] }, unallocated_pattern: '^(UNALLOC|POOL)', date_order: 'mdy' },
      'c.json',
    );
    expect(config.contacts).toEqual({ count_outcomes: ['attended', 'acceptable_absence'], count_types: ['office'] });
    expect(config.unallocated_pattern).toBe('^(UNALLOC|POOL)');
    expect(config.date_order).toBe('mdy');
    expect(validateConfig({ contacts: { count_types: null } }, 'c.json').contacts).toEqual({ count_outcomes: ['attended'], count_types: null });
  });

  it('adds column aliases to one file without touching the others', () => {
    const config = validateConfig({ columns: { offenders: { crn: ['Ref No'], risk: ['Risk Band', 'Harm'] } } }, 'c.json');
    expect(config.columns).toEqual({ officers: {}, offenders: { crn: ['Ref No'], risk: ['Risk Band', 'Harm'] }, contacts: {} });
  });

  it('never changes DEFAULT_CONFIG', () => {
    const before = JSON.stringify(DEFAULT_CONFIG);
    validateConfig({ contact_standards: { high: 3 }, columns: { officers: { officer_id: ['x'] } } }, 'c.json');
    expect(JSON.stringify(DEFAULT_CONFIG)).toBe(before);
  });
});

describe('points: the WMT seed tables, and the first release\'s points.tiers', () => {
  it('the defaults are SPEC 2.2\'s seed values, A3 to D0', () => {
    const row = (table: Record<string, number>) => Object.values(table);
    expect(row(DEFAULT_CONFIG.points.community)).toEqual([206, 158, 146, 110, 146, 115, 102, 72, 79, 63, 50, 35, 51, 41, 29, 29]);
    expect(row(DEFAULT_CONFIG.points.licence)).toEqual([219, 175, 163, 0, 161, 132, 119, 0, 77, 65, 52, 0, 51, 43, 31, 0]);
    expect(row(DEFAULT_CONFIG.points.custody)).toEqual([75, 60, 59, 0, 59, 48, 47, 0, 30, 24, 23, 0, 17, 14, 13, 0]);
    expect(Object.keys(DEFAULT_CONFIG.points.custody)).toEqual(['A3', 'A2', 'A1', 'A0', 'B3', 'B2', 'B1', 'B0', 'C3', 'C2', 'C1', 'C0', 'D3', 'D2', 'D1', 'D0']);
  });

  it('points.tiers is read as points.community, with a note; the other tables keep their defaults', () => {
    const { config, notes } = readConfig({ points: { tiers: { A3: 250, B2: 120 } } }, 'old.json');
    expect(config.points.community).toEqual({ ...DEFAULT_CONFIG.points.community, A3: 250, B2: 120 });
    expect(config.points.licence).toEqual(DEFAULT_CONFIG.points.licence);
    expect(config.points.custody).toEqual(DEFAULT_CONFIG.points.custody);
    expect(config.points).not.toHaveProperty('tiers');
    expect(notes).toEqual([
      'old.json: points.tiers is read as points.community (the community tier table); rename it, and see points.licence and points.custody',
    ]);
  });

  it('a file without points.tiers has no note', () => {
    expect(readConfig({ points: { community: { A3: 250 } } }, 'new.json').notes).toEqual([]);
  });

  it('points.tiers beside points.community is a usage error', () => {
    expect(configError({ points: { tiers: { A3: 1 }, community: { A3: 2 } } }, 'both.json').message).toBe(
      "both.json: points.tiers: the first release's name for points.community; give only points.community",
    );
  });

  it('loadConfig passes the note on', async () => {
    const result = await loadConfig(undefined, dirWith({ 'caseload.config.json': '{"points": {"tiers": {"D0": 30}}}' }));
    expect(result.config.points.community.D0).toBe(30);
    expect(result.notes).toHaveLength(1);
  });
});

describe('validateConfig: errors name the path', () => {
  it.each([
    [{ contact_standards: { extra: 3 } }, 'contact_standards.extra: unknown key'],
    [{ lost_after_dayz: 3 }, 'lost_after_dayz: unknown key'],
    [{ points: { tiers: { E1: 10 } } }, 'points.tiers.E1: unknown key'],
    [{ points: { custody: { E1: 10 } } }, 'points.custody.E1: unknown key'],
    [{ contacts: { count_outcome: ['attended'] } }, 'contacts.count_outcome: unknown key'],
    [{ columns: { suspects: {} } }, 'columns.suspects: unknown key'],
    [{ columns: { offenders: { crnn: ['Ref'] } } }, 'columns.offenders.crnn: unknown key'],
    [{ columns: { contacts: { risk: ['Risk'] } } }, 'columns.contacts.risk: unknown key'],
  ])('%j → %s', (raw, message) => {
    expect(configError(raw, 'region.json').message).toBe(`region.json: ${message}`);
  });

  it.each([
    [{ contact_standards: { medium: 0 } }, 'contact_standards.medium: expected a positive integer'],
    [{ contact_standards: { medium: -14 } }, 'contact_standards.medium: expected a positive integer'],
    [{ contact_standards: { medium: 1.5 } }, 'contact_standards.medium: expected a positive integer'],
    [{ contact_standards: { medium: '14' } }, 'contact_standards.medium: expected a positive integer'],
    [{ contact_standards: { medium: null } }, 'contact_standards.medium: expected a positive integer'],
    [{ lost_after_days: 0 }, 'lost_after_days: expected a positive integer'],
    [{ manager_span: 12.5 }, 'manager_span: expected a positive integer'],
    [{ first_contact_days: -1 }, 'first_contact_days: expected an integer, 0 or more'],
    [{ absent_after_days: 'three weeks' }, 'absent_after_days: expected an integer, 0 or more'],
    [{ points: { risks: { high: -5 } } }, 'points.risks.high: expected a number, 0 or more'],
    [{ nominal_target: 0 }, 'nominal_target: expected a positive number'],
    [{ custody_weight: 1.5 }, 'custody_weight: expected a number from 0 to 1'],
    [{ custody_weight: -0.1 }, 'custody_weight: expected a number from 0 to 1'],
    [{ date_order: 'ymd' }, 'date_order: expected "dmy" or "mdy"'],
    [{ unallocated_pattern: 42 }, 'unallocated_pattern: expected a regular expression, or null'],
    [{ contacts: { count_outcomes: [] } }, 'contacts.count_outcomes: expected at least one outcome'],
    [{ contacts: { count_outcomes: 'attended' } }, 'contacts.count_outcomes: expected a list of outcomes'],
    [{ contacts: { count_types: [] } }, 'contacts.count_types: expected at least one contact type, or null for every type'],
    [{ contacts: { count_types: ['office', ''] } }, 'contacts.count_types.1: expected a contact type, not an empty string'],
    [{ columns: { offenders: { crn: 'Ref No' } } }, 'columns.offenders.crn: expected a list of header names'],
    [{ contact_standards: 7 }, 'contact_standards: expected an object'],
    [{ outliers: { group_by: 'district' } }, 'outliers.group_by: expected "pdu", "team" or "region"'],
    [{ outliers: { min_group: 1 } }, 'outliers.min_group: expected an integer, 2 or more'],
    [{ outliers: { min_caseload: -1 } }, 'outliers.min_caseload: expected an integer, 0 or more'],
    [{ outliers: { min_caseload: 50, max_caseload: 40 } }, 'outliers.max_caseload: expected at least min_caseload (50)'],
    [{ outliers: { max_members: 3 } }, 'outliers'],
  ])('%j → %s', (raw, message) => {
    const error = configError(raw, 'region.json');
    expect(error.message.startsWith(`region.json: ${message}`)).toBe(true);
    expect(error.message).not.toMatch(/[\r\n]/);
  });

  it('shows the value it got', () => {
    expect(configError({ contact_standards: { medium: '14' } }).message).toBe('caseload.config.json: contact_standards.medium: expected a positive integer (got "14")');
    expect(configError({ custody_weight: 2 }).message).toBe('caseload.config.json: custody_weight: expected a number from 0 to 1 (got 2)');
  });

  it('a bad regular expression in unallocated_pattern says why', () => {
    const error = configError({ unallocated_pattern: '(UNALLOC' });
    expect(error.message).toMatch(/^caseload\.config\.json: unallocated_pattern: expected a valid regular expression \(.*Unterminated group.*\)/);
  });
});
