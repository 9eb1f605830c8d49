/** `caseload init`: writes caseload.config.json with every default (SPEC 3, 4). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/load.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';

const CANONICAL = join(FIXTURES, 'shapes/canonical');

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function emptyDir(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return dir;
}

describe('caseload init', () => {
  it('writes caseload.config.json equal to the defaults, which validates back to the defaults', () => {
    const cwd = emptyDir();
    const result = runCli(['init'], { cwd });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('caseload: wrote caseload.config.json\n');
    const text = readFileSync(join(cwd, 'caseload.config.json'), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    const written = JSON.parse(text) as Record<string, unknown>;
    expect(written).toEqual(DEFAULT_CONFIG);
    expect(validateConfig(written, 'caseload.config.json')).toEqual(DEFAULT_CONFIG);

    // Every key SPEC 4 names, with the SPEC's defaults.
    for (const key of [
      'contact_standards', 'first_contact_days', 'lost_after_days', 'absent_after_days', 'assessment_review_days', 'supervision_days',
      'manager_span', 'unallocated_pattern', 'points', 'nominal_target', 'custody_weight', 'contacts', 'date_order', 'columns',
      'reset', 'reset_weight', 'outliers', 'plan',
    ]) {
      expect(written).toHaveProperty(key);
    }
    expect(Object.keys(written)).toHaveLength(18);
    // The WMT's three tier tables (issue 16), and the plan's limit and scope (SPEC 2.3).
    expect(Object.keys(written.points as object)).toEqual(['community', 'licence', 'custody', 'risks']);
    expect(written.plan).toEqual({ max_capacity_pct: 100, scope: 'pdu' });
    expect(written).toMatchObject({ reset: { infer: false, sentence_types: ['licence', 'pss', 'community_order', 'suspended_sentence'] }, reset_weight: 0 });
    expect(written.outliers).toEqual({ min_caseload: 10, max_caseload: 150, group_by: 'pdu', min_group: 4 });
    expect(written).toMatchObject({ first_contact_days: 7, lost_after_days: 56, absent_after_days: 21, assessment_review_days: 182, supervision_days: 90, manager_span: 500, nominal_target: 2176, custody_weight: 0.35, date_order: 'dmy' });
    expect(written.contact_standards).toEqual({ very_high: 7, high: 7, medium: 14, low: 28, unknown: 7 });
    expect(written.contacts).toEqual({ count_outcomes: ['attended'], count_types: null });
    expect(written.unallocated_pattern).toBeNull();
  });

  it('writes to the FILE given', () => {
    const cwd = emptyDir();
    const result = runCli(['init', 'region.config.json'], { cwd });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, 'region.config.json'), 'utf8'))).toEqual(DEFAULT_CONFIG);
  });

  it('refuses to overwrite a config (exit 2) and leaves it as it was', () => {
    const cwd = emptyDir();
    writeFileSync(join(cwd, 'caseload.config.json'), '{"lost_after_days": 90}\n');
    const result = runCli(['init'], { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('caseload: caseload.config.json: already exists; remove it first to start again\n');
    expect(readFileSync(join(cwd, 'caseload.config.json'), 'utf8')).toBe('{"lost_after_days": 90}\n');
  });

  it('a folder that does not exist: exit 2, one line', () => {
    const result = runCli(['init', 'no/such/folder/c.json'], { cwd: emptyDir() });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^caseload: no\/such\/folder\/c\.json: cannot write[^\n]*\n$/);
  });

  it('a run in the same folder then picks the written file up, and an edit to it takes effect', () => {
    const cwd = emptyDir();
    expect(runCli(['init'], { cwd }).exitCode).toBe(0);
    const first = runCli(['cases', CANONICAL, '--json', '--as-of', '2026-11-16'], { cwd });
    expect(first.exitCode).toBe(0);
    expect((JSON.parse(first.stdout) as { config: unknown }).config).toEqual(DEFAULT_CONFIG);

    const edited = { ...DEFAULT_CONFIG, lost_after_days: 84, contact_standards: { ...DEFAULT_CONFIG.contact_standards, medium: 21 } };
    writeFileSync(join(cwd, 'caseload.config.json'), JSON.stringify(edited, null, 2));
    const second = runCli(['cases', CANONICAL, '--json', '--as-of', '2026-11-16'], { cwd });
    expect(second.exitCode).toBe(0);
    expect((JSON.parse(second.stdout) as { config: unknown }).config).toEqual(edited);

  });
});
