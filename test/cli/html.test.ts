/**
 * `--format html` end to end (SPEC 3.2): the built CLI on the sample export. What the page looks
 * like in a browser is test/browser/html.test.ts; its parts in process, test/render/html.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { runCli, runOnce, tempDir } from '../helpers/cli.js';
import { fixtureNames } from '../helpers/mail.js';

const ARGS = ['fixtures/north-london', '--as-of', '2026-11-16'];

describe('caseload --format html', () => {
  it('writes one page, the same bytes every run (Vega draws the same SVG for the same data)', () => {
    const first = runOnce(['report', ...ARGS, '--format', 'html']);
    expect(first.exitCode).toBe(0);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB">/);
    expect(first.stdout.trimEnd().endsWith('</html>')).toBe(true);
    // Capacity, lost by reason, teams' rates, and officers against their peers.
    expect(first.stdout.match(/<svg /g)).toHaveLength(4);
    expect(runCli(['report', ...ARGS, '--format', 'html']).stdout).toBe(first.stdout);
  });

  it('holds the names without --redact, and none with it', () => {
    const names = fixtureNames().filter((name) => /^[\w -]+$/.test(name));
    expect(names.length).toBeGreaterThan(100);
    const named = runOnce(['report', ...ARGS, '--format', 'html']).stdout;
    expect(names.filter((name) => named.includes(name)).length).toBeGreaterThan(100);
    const redacted = runOnce(['report', ...ARGS, '--format', 'html', '--redact']);
    expect(redacted.exitCode).toBe(0);
    expect(names.filter((name) => redacted.stdout.includes(name))).toEqual([]);
  });

  it('keeps the exit codes: --fail-on lost exits 1 with the page written', () => {
    const result = runCli(['cases', ...ARGS, '--format', 'html', '--fail-on', 'lost', '--team', 'Barnet']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('<figure id="lost"');
  });

  it('escapes values from the export and cuts nothing silently', () => {
    const { dir, cleanup } = tempDir({
      'officers.csv': 'officer_id,name,team,manager_id\nO1,"Eve <script>alert(1)</script>","<b>Team & ""Co""</b>",M1\n',
      'offenders.csv': 'crn,officer_id,risk,name,last_contact\nC1,O1,high,"Bob <img src=x onerror=alert(1)>",2026-01-01\nC2,NOBODY,medium,Dan\u0007 Bell,2026-11-15\n',
    });
    try {
      const result = runCli(['report', dir, '--as-of', '2026-11-16', '--format', 'html']);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).not.toMatch(/<script|<img|<b>Team|\u0007/);
      expect(result.stdout).toContain('Eve &#60;script&#62;alert(1)&#60;/script&#62;');
      expect(result.stdout).toContain('Bob &#60;img src=x onerror=alert(1)&#62;');
      // In the charts' SVG, as Vega escapes it.
      expect(result.stdout).toContain('&lt;b&gt;Team &amp; "Co"&lt;/b&gt;');
    } finally {
      cleanup();
    }
  });

  it('is listed among the formats, and an unknown format is still a usage error', () => {
    expect(runCli(['report', '--help']).stdout).toMatch(/markdown,\s+email,\s+html/);
    const wrong = runCli(['report', ...ARGS, '--format', 'htm']);
    expect(wrong.exitCode).toBe(2);
  });
});
