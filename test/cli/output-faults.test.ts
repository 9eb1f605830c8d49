/**
 * Faults on the way out (issue 15): standard output or standard error that cannot be written
 * (/dev/full), hostile text in table, markdown and CSV output, and a config pattern that would
 * backtrack for ever.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, tempDir } from '../helpers/cli.js';
import { parseMail } from '../helpers/mail.js';

const AS_OF = ['--as-of', '2026-11-16'];
const EXPORT = 'fixtures/north-london';
const folders: (() => void)[] = [];
afterAll(() => folders.forEach((cleanup) => cleanup()));

/** The CLI with standard output or standard error on /dev/full: every write fails with ENOSPC. */
function runOnFullDevice(args: string[], stream: 'stdout' | 'stderr'): { stdout: string; stderr: string; exitCode: number } {
  const full = openSync('/dev/full', 'w');
  try {
    const result = spawnSync(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', TZ: 'Europe/London' },
      stdio: ['ignore', stream === 'stdout' ? full : 'pipe', stream === 'stderr' ? full : 'pipe'],
      encoding: 'utf8',
    });
    return { stdout: result.stdout ?? '', stderr: result.stderr ?? '', exitCode: result.status ?? -1 };
  } finally {
    closeSync(full);
  }
}

describe('output that cannot be written: exit 74, one line, no trace', () => {
  it.each([['table'], ['json'], ['csv']])('standard output on a full device (--format %s)', (format) => {
    const result = runOnFullDevice(['cases', EXPORT, ...AS_OF, '--format', format, '--all'], 'stdout');
    expect(result.exitCode).toBe(74);
    const lines = result.stderr.split('\n').filter((line) => !line.includes('data issues'));
    expect(lines.join('\n')).toBe('caseload: cannot write standard output: no space left on the device (ENOSPC)\n');
  });

  it('standard error on a full device', () => {
    const result = runOnFullDevice(['report', EXPORT, ...AS_OF], 'stderr');
    expect(result.stdout).toContain('Caseload report');
    expect(result.exitCode).toBe(74);
  });

  it('a reader that goes away (EPIPE) still ends quietly', () => {
    const result = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" cases ${EXPORT} --as-of 2026-11-16 --all --json | head -c 10 >/dev/null`], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
  });
});

describe('hostile text in the export never drives the output', () => {
  const dir = (() => {
    const made = tempDir({
      'officers.csv': 'officer_id,name,team\nO1,Ann \u202Egnirts\u202C Ash,T\u200B1\n',
      'offenders.csv': [
        'crn,officer_id,risk,name,last_contact',
        'C1,O1,high,[click](https://evil.example),2026-01-01',
        'C2,O1,high,![x](https://evil.example/p.png),2026-01-01',
        'C3,O1,high,<img src=x onerror=alert(1)>,2026-01-01',
        'C4,O1,high,\u2067Bidi\u2069 \u001b]8;;https://evil.example\u0007Link\u001b]8;;\u0007,2026-01-01',
      ].join('\n'),
    });
    folders.push(made.cleanup);
    return made.dir;
  })();
  const BIDI_OR_ZERO_WIDTH = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;

  it('table and markdown: no bidi control or zero-width character; markdown escapes links, images and HTML', () => {
    for (const format of ['table', 'markdown']) {
      const result = runCli(['cases', dir, ...AS_OF, '--format', format]);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).not.toMatch(BIDI_OR_ZERO_WIDTH);
      expect(result.stderr).not.toMatch(BIDI_OR_ZERO_WIDTH);
    }
    const markdown = runCli(['cases', dir, ...AS_OF, '--format', 'markdown']).stdout;
    expect(markdown).toContain('\\[click\\](https://evil.example)');
    expect(markdown).toContain('!\\[x\\](https://evil.example/p.png)');
    expect(markdown).toContain('\\<img src=x onerror=alert(1)>');
    expect(markdown).not.toMatch(/(?<!\\)\[click\]|(?<!\\)<img/);
  });

  it('CSV and the digest attachment: no escape sequence or control character; JSON keeps them, escaped', async () => {
    const csv = runCli(['cases', dir, ...AS_OF, '--format', 'csv']).stdout;
    expect(csv).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(csv).not.toMatch(BIDI_OR_ZERO_WIDTH);
    expect(csv).toContain('Bidi Link');
    const email = runCli(['cases', dir, ...AS_OF, '--format', 'email', '--include-names']).stdout;
    const attachment = (await parseMail(email)).attachments.find((part) => part.filename?.endsWith('.csv'))!.content.toString('utf8');
    expect(attachment).toContain('Bidi Link');
    expect(attachment).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    const json = JSON.parse(runCli(['cases', dir, ...AS_OF, '--json', '--include-names']).stdout) as { cases: { crn: string; name: string }[] };
    expect(json.cases.find((result) => result.crn === 'C4')!.name).toBe('\u2067Bidi\u2069 \u001b]8;;https://evil.example\u0007Link\u001b]8;;\u0007');
  });
});

describe('unallocated_pattern that could backtrack for ever', () => {
  it('^(a+)+$ is refused at config load (exit 2), naming the key', () => {
    const { dir, cleanup } = tempDir({ 'caseload.config.json': JSON.stringify({ unallocated_pattern: '^(a+)+$' }) });
    folders.push(cleanup);
    const result = runCli(['report', `${ROOT}/${EXPORT}`, ...AS_OF], { cwd: dir });
    expect(result.stderr).toMatch(/^caseload: [^\n]*unallocated_pattern: refused: a repeated group holding a quantifier, as in \(a\+\)\+ or \(a\|b\)\* can take exponential time on a long officer code; write it without \(got "\^\(a\+\)\+\$"\)\n$/);
    expect(result.exitCode).toBe(2);
  });
});
