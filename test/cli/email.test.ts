/** `--format email` (SPEC 3.1): one RFC 5322 message on stdout, read back with mailparser. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { runCli, runOnce, tempDir } from '../helpers/cli.js';
import { crnsOf, csvRows, fixtureNames, parseMail, visibleText } from '../helpers/mail.js';

const AS_OF = ['--as-of', '2026-11-16'];
const EXPORT = 'fixtures/north-london';

interface CaseJson {
  crn: string;
  name: string | null;
  officer_name: string | null;
}
interface ReportJson {
  summary: { lost: number; overdue: number };
  cases: CaseJson[];
}

const json = (args: readonly string[]): ReportJson => {
  const result = runOnce([...args, '--json']);
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout) as ReportJson;
};

describe('caseload report --format email', () => {
  let report: ReportJson;
  let raw: string;
  let mail: ParsedMail;

  beforeAll(async () => {
    report = json(['report', EXPORT, ...AS_OF]);
    const result = runCli(['report', EXPORT, ...AS_OF, '--format', 'email', '--to', 'spo@probation.example,pdu@probation.example']);
    expect(result.exitCode).toBe(0);
    raw = result.stdout;
    mail = await parseMail(raw);
    // Two runs of the CLI, the digest drawing its page's charts: more than the default 10 s on a busy machine.
  }, 60_000);

  it('writes one message with To, the default From and a subject of the counts and the as-of date', () => {
    expect(raw.startsWith('From: ')).toBe(true);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((entry) => entry.address) : []).toEqual(['spo@probation.example', 'pdu@probation.example']);
    expect(mail.from?.value[0]?.address).toBe('caseload@localhost');
    expect(mail.subject).toBe(`caseload 2026-11-16: ${report.summary.lost} lost, ${report.summary.overdue} overdue, ${report.cases.length.toLocaleString('en-GB')} flagged`);
    expect(mail.subject).toBe('caseload 2026-11-16: 691 lost, 672 overdue, 1,804 flagged');
    // For `sendmail -t`: Unix line ends.
    expect(raw).not.toContain('\r\n');
  });

  it('has text and HTML bodies with the summary and the top 20 cases by priority', () => {
    const text = mail.text ?? '';
    const html = typeof mail.html === 'string' ? mail.html : '';
    for (const body of [text, html]) {
      expect(body).toContain('Caseload report: fixtures/north-london, as of 2026-11-16');
      expect(body).toContain('691 (34%): officer_left 389');
      expect(body).toContain('672 (34%) of active cases past their contact standard');
      for (const result of report.cases.slice(0, 20)) expect(body).toContain(result.crn);
      expect(body).not.toContain(report.cases[20]!.crn);
      expect(body).toContain('1,784 more');
    }
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<table');
  });

  it('attaches every flagged case as CSV, produced by the CSV renderer', () => {
    expect(mail.attachments).toHaveLength(2);
    const [attachment] = mail.attachments;
    expect(attachment!.filename).toBe('flagged-cases-2026-11-16.csv');
    expect(attachment!.contentType).toBe('text/csv');
    expect(crnsOf(attachment!.content)).toEqual(report.cases.map((result) => result.crn));
    const csv = runCli(['report', EXPORT, ...AS_OF, '--format', 'csv', '--redact']);
    expect(attachment!.content.toString('utf8')).toBe(csv.stdout);
  });

  it('attaches the report as an HTML page beside the CSV, produced by the html renderer', () => {
    const page = mail.attachments[1]!;
    expect(page.filename).toBe('flagged-cases-2026-11-16.html');
    expect(page.contentType).toBe('text/html');
    const html = runOnce(['report', EXPORT, ...AS_OF, '--format', 'html', '--redact']);
    expect(page.content.toString('utf8')).toBe(html.stdout);
    expect(mail.text).toContain('Attached: flagged-cases-2026-11-16.csv, and flagged-cases-2026-11-16.html');
  });

  it('leaves every person and officer name out of the whole message', () => {
    const names = fixtureNames();
    expect(names.length).toBeGreaterThan(100);
    const seen = visibleText(mail);
    expect(names.filter((name) => seen.includes(name) || raw.includes(name))).toEqual([]);
    expect(csvRows(mail.attachments[0]!.content).every((row) => row.name === '' && row.officer_name === '')).toBe(true);
  });

  it('puts the names in with --include-names', async () => {
    const result = runCli(['report', EXPORT, ...AS_OF, '--format', 'email', '--include-names']);
    expect(result.exitCode).toBe(0);
    const named = await parseMail(result.stdout);
    // The top cases' names, as the (unredacted) JSON has them, in both bodies.
    const top = report.cases.slice(0, 20).filter((result) => result.name !== null && /^[\w' -]+$/.test(result.name));
    expect(top.length).toBeGreaterThan(10);
    for (const result of top) {
      expect(named.text).toContain(result.name);
      expect(named.html).toContain(result.name!.replace(/'/g, '&#39;'));
    }
    // Every case's name in the attachment.
    const names = new Map(report.cases.map((result) => [result.crn, result.name ?? '']));
    const rows = csvRows(named.attachments[0]!.content);
    expect(rows.filter((row) => row.name !== '' && row.name === names.get(row.crn!)).length).toBeGreaterThan(1000);
    const seen = visibleText(named);
    expect(fixtureNames().filter((name) => seen.includes(name)).length).toBeGreaterThan(100);
  });
});

describe('caseload cases --format email', () => {
  it('sums up in one line and attaches the filtered cases', async () => {
    const filter = ['--flag', 'da_check_missing', '--risk', 'high,very_high'];
    const cases = json(['cases', EXPORT, ...AS_OF, ...filter]).cases;
    const result = runCli(['cases', EXPORT, ...AS_OF, ...filter, '--format', 'email', '--to', 'Team Admin <admin@probation.example>', '--from', 'Caseload <caseload@probation.example>']);
    expect(result.exitCode).toBe(0);
    const mail = await parseMail(result.stdout);
    expect(mail.from?.value[0]).toEqual({ name: 'Caseload', address: 'caseload@probation.example' });
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null).toBe('admin@probation.example');
    const lost = (JSON.parse(runOnce(['cases', EXPORT, ...AS_OF, ...filter, '--json']).stdout) as { cases: { lost: boolean }[] }).cases.filter((c) => c.lost).length;
    expect(mail.text).toMatch(new RegExp(`Cases +${cases.length} flagged cases: ${lost} lost, \\d+ overdue`));
    expect(crnsOf(mail.attachments[0]!.content)).toEqual(cases.map((c) => c.crn));
  });

  it('takes --subject as given', async () => {
    const result = runCli(['cases', EXPORT, ...AS_OF, '--format', 'email', '--subject', 'Weekly caseload: Camden']);
    expect((await parseMail(result.stdout)).subject).toBe('Weekly caseload: Camden');
  });

  it('refuses an address that is not one mailbox (exit 2)', () => {
    for (const bad of ['not-an-address', 'a@b.example; rm -rf', '"unclosed <a@b.example']) {
      const result = runCli(['cases', EXPORT, ...AS_OF, '--format', 'email', '--to', bad]);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/^caseload: --to: expected an email address/);
    }
    expect(runCli(['cases', EXPORT, ...AS_OF, '--format', 'email', '--from', 'nobody']).exitCode).toBe(2);
  });

  it('writes nothing with --quiet when nothing is flagged, and a message without', async () => {
    // N07A190, a senior officer on the roster, holds no case (an officer not in the export is a usage error).
    const none = ['cases', EXPORT, ...AS_OF, '--format', 'email', '--officer', 'N07A190'];
    expect(runCli([...none, '--quiet'])).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    const mail = await parseMail(runCli(none).stdout);
    expect(mail.subject).toBe('caseload 2026-11-16: 0 lost, 0 overdue, 0 flagged');
    expect(mail.text).toContain('No flagged cases.');
  });
});

describe('email escaping', () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => {
    ({ dir, cleanup } = tempDir({
      'officers.csv': 'officer_id,name,team,manager_id,email\nO1,"Eve <script>alert(1)</script>","<b>Team & ""Co""</b>",M1,o1@x.example\nM1,Max \u001b[31mRed,Managers,,m1@x.example\n',
      'offenders.csv': 'crn,officer_id,risk,name,last_contact\nC1,O1,high,"Bob <img src=x onerror=alert(1)>",2026-01-01\nC2,O1,low,"=HYPERLINK(""http://x"")",\nC3,NOBODY,medium,Dan\u0007 Bell,2026-11-15\n',
    }));
  });
  afterAll(() => cleanup());

  it('escapes every value in the HTML, strips control characters in the text, neutralises formulas in the CSV', async () => {
    const result = runCli(['report', dir, ...AS_OF, '--format', 'email', '--include-names']);
    expect(result.exitCode).toBe(0);
    const mail = await parseMail(result.stdout);
    const html = typeof mail.html === 'string' ? mail.html : '';
    expect(html).not.toMatch(/<script|<img|<b>Team/);
    expect(html).toContain('&#60;b&#62;Team &#38; &#34;Co&#34;&#60;/b&#62;');
    expect(html).toContain('Bob &#60;img src=x onerror=alert(1)&#62;');
    expect(mail.text).toContain('<b>Team & "Co"</b>');
    expect(`${mail.text}${html}`).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(mail.text).toContain('Dan Bell');
    const csv = mail.attachments[0]!.content.toString('utf8');
    expect(csv).toContain(`'=HYPERLINK`);
    // The attached page: the same values escaped, in its tables and in its charts' SVG.
    const page = mail.attachments[1]!.content.toString('utf8');
    expect(page).not.toMatch(/<script|<img|<b>Team/);
    expect(page).toContain('&#60;b&#62;Team &#38; &#34;Co&#34;&#60;/b&#62;');
    expect(page).toContain('Bob &#60;img src=x onerror=alert(1)&#62;');
    expect(page).toContain('&lt;b&gt;Team &amp; "Co"&lt;/b&gt;');
    expect(page).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  });

  it('leaves the names out without --include-names', async () => {
    const mail = await parseMail(runCli(['report', dir, ...AS_OF, '--format', 'email']).stdout);
    expect(visibleText(mail)).not.toMatch(/Eve|Max|Bob|HYPERLINK|Dan/);
  });
});
