/** `caseload notify` (SPEC 3.1): digests over SMTP to a real server in the test process, or as .eml files. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, runOnce, tempDir } from '../helpers/cli.js';
import { closedPort, crnsOf, csvRows, fixtureNames, parseMail, runCliAsync, SMTP_PASSWORD, startSmtpServer, visibleText, type TestSmtpServer } from '../helpers/mail.js';

const AS_OF = ['--as-of', '2026-11-16'];
const EXPORT = 'fixtures/north-london';

interface CaseJson {
  crn: string;
  officer_id: string | null;
  manager_id: string | null;
  team: string | null;
}

const flaggedCases = (...extra: string[]): CaseJson[] =>
  (JSON.parse(runOnce(['cases', EXPORT, ...AS_OF, ...extra, '--json']).stdout) as { cases: CaseJson[] }).cases;

/** officer_id → email, from the fixture's officers.csv. */
const emails = new Map(csvRows(readFileSync(join(FIXTURES, 'north-london/officers.csv'))).map((row) => [row.officer_id!, row.email ?? '']));
const managersOf = (team: string): string[] =>
  [...new Set(csvRows(readFileSync(join(FIXTURES, 'north-london/officers.csv'))).filter((row) => row.team === team && row.manager_id).map((row) => row.manager_id!))];

/** Whose digest a case is in: its officer's manager, or a senior officer (an SPO or someone's manager) with none their own. */
const officerRows = csvRows(readFileSync(join(FIXTURES, 'north-london/officers.csv')));
const seniors = new Set(officerRows.filter((row) => row.grade === 'SPO' || officerRows.some((other) => other.manager_id === row.officer_id)).map((row) => row.officer_id!));
const digestManager = (result: CaseJson): string | null => result.manager_id ?? (result.officer_id !== null && seniors.has(result.officer_id) ? result.officer_id : null);

const groupBy = (cases: readonly CaseJson[], key: (result: CaseJson) => string | null): Map<string | null, string[]> => {
  const groups = new Map<string | null, string[]>();
  for (const result of cases) groups.set(key(result), [...(groups.get(key(result)) ?? []), result.crn]);
  return groups;
};

/** A small export: two managers (M2 has no email), an officer each, and one unallocated case. */
const SMALL_OFFICERS = [
  'officer_id,name,grade,team,manager_id,email',
  'M1,Mona Manager,SPO,North,,m1@probation.example',
  'M2,Mark Nomail,SPO,South,,',
  'O1,Olga Officer,PO,North,M1,o1@probation.example',
  'O2,Otto Officer,PO,South,M2,o2@probation.example',
].join('\n');
const SMALL_OFFENDERS = [
  'crn,officer_id,risk,name,last_contact',
  'C1,O1,high,Cara Case,2026-01-01',
  'C2,O2,high,Carl Case,2026-02-01',
  'C3,O2,medium,Cora Case,2026-03-01',
  'C4,,low,Cole Case,2026-11-10',
  'C5,O1,low,Clean Case,2026-11-10',
].join('\n');

describe('caseload notify', () => {
  let smtp: TestSmtpServer;
  beforeEach(async () => {
    smtp = await startSmtpServer();
  });
  afterEach(async () => {
    await smtp.close();
  });

  it('--split-by manager: each manager with an email gets one message holding exactly the flagged cases of the officers they oversee', async () => {
    const result = await runCliAsync(['notify', EXPORT, ...AS_OF, '--split-by', 'manager'], { env: { CASELOAD_SMTP_URL: smtp.url } });
    expect(result.stderr).not.toContain(SMTP_PASSWORD);
    // The cases with no manager reach nobody: the rest are sent, and the run says so (SPEC 3.3).
    expect(result.exitCode).toBe(3);

    const expected = groupBy(flaggedCases(), digestManager);
    const managers = [...expected.keys()].filter((id): id is string => id !== null && (emails.get(id) ?? '') !== '');
    expect(managers.length).toBeGreaterThanOrEqual(5);
    expect(smtp.received).toHaveLength(managers.length);
    for (const manager of managers) {
      const address = emails.get(manager)!;
      const messages = smtp.received.filter((message) => message.envelope.to.includes(address));
      expect(messages, manager).toHaveLength(1);
      const [message] = messages;
      expect(message!.envelope.to).toEqual([address]);
      expect(message!.envelope.from).toBe('caseload@localhost');
      expect(message!.user).toBe('caseload');
      expect(message!.mail.subject).toMatch(new RegExp(`^caseload 2026-11-16 manager ${manager}: \\d+ lost, \\d+ overdue, ${expected.get(manager)!.length} flagged$`));
      expect(message!.mail.attachments.map((attachment) => attachment.filename)).toEqual(['flagged-cases-2026-11-16.csv', 'flagged-cases-2026-11-16.html']);
      expect(new Set(crnsOf(message!.mail.attachments[0]!.content))).toEqual(new Set(expected.get(manager)));
      expect(crnsOf(message!.mail.attachments[0]!.content)).toHaveLength(expected.get(manager)!.length);
    }
    // No names in any digest.
    const names = fixtureNames();
    for (const message of smtp.received) {
      const seen = visibleText(message.mail);
      expect(names.filter((name) => seen.includes(name))).toEqual([]);
    }
    // One line per message; the cases with no manager are not silently dropped.
    expect(result.stderr.match(/^caseload: sent manager /gm)).toHaveLength(managers.length);
    expect(result.stderr).toContain(`caseload: ${expected.get(null)!.length} cases with no manager`);
  });

  it('--split-by team: one message per team to the managers of its officers; --to gets the cases with no team', async () => {
    const result = await runCliAsync(['notify', EXPORT, ...AS_OF, '--split-by', 'team', '--to', 'pdu-admin@probation.example', '--quiet'], {
      env: { CASELOAD_SMTP_URL: smtp.url },
    });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const expected = groupBy(flaggedCases(), (result) => result.team);
    expect(smtp.received).toHaveLength(expected.size);
    for (const [team, crns] of expected) {
      const to = team === null ? ['pdu-admin@probation.example'] : managersOf(team).map((id) => emails.get(id)!).sort();
      const message = smtp.received.find((candidate) => candidate.mail.subject?.includes(team === null ? ' no team:' : ` team ${team}:`));
      expect(message, String(team)).toBeDefined();
      expect(message!.envelope.to).toEqual(to);
      expect(new Set(crnsOf(message!.mail.attachments[0]!.content))).toEqual(new Set(crns));
    }
  });

  it('--to without --split-by sends one digest of every flagged case', async () => {
    const result = await runCliAsync(['notify', EXPORT, ...AS_OF, '--to', 'a@probation.example,b@probation.example', '--subject', 'Weekly'], {
      env: { CASELOAD_SMTP_URL: smtp.url },
    });
    expect(result.exitCode).toBe(0);
    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message!.envelope.to).toEqual(['a@probation.example', 'b@probation.example']);
    expect(message!.mail.subject).toBe('Weekly');
    expect(crnsOf(message!.mail.attachments[0]!.content)).toEqual(flaggedCases().map((result) => result.crn));
    expect(result.stderr).toMatch(/^caseload: sent the digest, 1,804 cases, to a@probation.example, b@probation.example$/m);
  });

  it('applies the filters and --fail-on as cases does', async () => {
    const result = await runCliAsync(['notify', EXPORT, ...AS_OF, '--split-by', 'manager', '--team', 'Barnet', '--fail-on', 'lost'], {
      env: { CASELOAD_SMTP_URL: smtp.url },
    });
    // Barnet's unallocated cases (placed by their own team column) have no manager: reported, not
    // sent, and the run exits 3 (SPEC 3.3), which outranks --fail-on's 1.
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/no manager/);
    const barnet = flaggedCases('--team', 'Barnet').filter((result) => result.manager_id !== null);
    expect(smtp.received.flatMap((message) => crnsOf(message.mail.attachments[0]!.content)).sort()).toEqual(barnet.map((result) => result.crn).sort());
  });

  it('--dry-run writes .eml files and sends nothing', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, 'outbox', 'week 47');
      const result = await runCliAsync(['notify', EXPORT, ...AS_OF, '--split-by', 'team', '--to', 'admin@probation.example', '--dry-run', out], {
        env: { CASELOAD_SMTP_URL: smtp.url },
      });
      expect(result.exitCode).toBe(0);
      expect(smtp.received).toHaveLength(0);
      const files = readdirSync(out).sort();
      expect(files).toEqual(['team-Barnet.eml', 'team-Camden_North.eml', 'team-Camden_South.eml', 'team-Enfield.eml', 'team-Haringey.eml', 'team-Islington.eml']);
      expect(result.stderr.match(/^caseload: wrote /gm)).toHaveLength(files.length);
      const haringey = await parseMail(readFileSync(join(out, 'team-Haringey.eml')));
      expect(new Set(crnsOf(haringey.attachments[0]!.content))).toEqual(new Set(flaggedCases('--team', 'Haringey').map((result) => result.crn)));
      expect(readFileSync(join(out, 'team-Haringey.eml'), 'latin1')).toContain('\r\n');
    } finally {
      cleanup();
    }
  });

  it('--dry-run needs no CASELOAD_SMTP_URL; without either it is a usage error (exit 2)', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const dryRun = await runCliAsync(['notify', EXPORT, ...AS_OF, '--split-by', 'manager', '--dry-run', dir], { env: { CASELOAD_SMTP_URL: undefined } });
      expect(dryRun.exitCode).toBe(3); // the cases with no manager are written for nobody
      expect(readdirSync(dir).filter((name) => name.startsWith('manager-')).length).toBeGreaterThanOrEqual(5);
      expect(readdirSync(dir)).toContain('manager-N07E605.eml');
    } finally {
      cleanup();
    }
    const missing = runCli(['notify', EXPORT, ...AS_OF, '--split-by', 'manager'], { env: { CASELOAD_SMTP_URL: undefined } });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^caseload: CASELOAD_SMTP_URL is not set/);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const notUrl = runCli(['notify', EXPORT, ...AS_OF, '--split-by', 'manager'], { env: { CASELOAD_SMTP_URL: 'http://user:hunter2@mail' } });
    expect(notUrl.exitCode).toBe(2);
    expect(notUrl.stderr).not.toContain('hunter2');
    const nobody = runCli(['notify', EXPORT, ...AS_OF], { env: { CASELOAD_SMTP_URL: smtp.url } });
    expect(nobody.exitCode).toBe(2);
    expect(nobody.stderr).toContain('--split-by manager|team');
    expect(runCli(['notify', EXPORT, ...AS_OF, '--split-by', 'pdu', '--dry-run', '/tmp/x']).exitCode).toBe(2);
  });

  describe('on a small export', () => {
    let dir: string;
    let cleanup: () => void;
    beforeAll(() => {
      ({ dir, cleanup } = tempDir({ 'officers.csv': SMALL_OFFICERS, 'offenders.csv': SMALL_OFFENDERS }));
    });
    afterAll(() => cleanup());

    it('reports a manager without an email on stderr, with the cases not sent, and sends the others', async () => {
      const result = await runCliAsync(['notify', dir, ...AS_OF, '--split-by', 'manager', '--quiet'], { env: { CASELOAD_SMTP_URL: smtp.url } });
      expect(result.exitCode).toBe(3);
      expect(result.stderr.split('\n').filter(Boolean)).toEqual([
        'caseload: manager M2 has no email in officers.csv: 2 cases not sent',
        'caseload: 1 case with no manager (unallocated, unknown officer, or an officer with no manager_id who manages nobody) not sent; --to ADDRESS sends them',
      ]);
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]!.envelope.to).toEqual(['m1@probation.example']);
      expect(crnsOf(smtp.received[0]!.mail.attachments[0]!.content)).toEqual(['C1']);
    });

    it('--include-names puts the names in', async () => {
      const result = await runCliAsync(['notify', dir, ...AS_OF, '--split-by', 'manager', '--to', 'admin@probation.example', '--include-names'], {
        env: { CASELOAD_SMTP_URL: smtp.url },
      });
      expect(result.exitCode).toBe(3); // M2 has no email
      const toM1 = smtp.received.find((message) => message.envelope.to[0] === 'm1@probation.example')!;
      expect(toM1.mail.text).toContain('Cara Case');
      expect(visibleText(toM1.mail)).toContain('Olga Officer');
      const unmanaged = smtp.received.find((message) => message.envelope.to[0] === 'admin@probation.example')!;
      expect(crnsOf(unmanaged.mail.attachments[0]!.content)).toEqual(['C4']);
    });

    it('sends and writes nothing when nothing is flagged', async () => {
      const { dir: clean, cleanup: cleanupClean } = tempDir({
        'officers.csv': SMALL_OFFICERS,
        'offenders.csv': 'crn,officer_id,risk,name,last_contact\nC5,O1,low,Clean Case,2026-11-10\n',
      });
      try {
        const sent = await runCliAsync(['notify', clean, ...AS_OF, '--split-by', 'manager'], { env: { CASELOAD_SMTP_URL: smtp.url } });
        expect(sent.exitCode).toBe(0);
        expect(sent.stderr).toBe('caseload: nothing flagged: no digest sent\n');
        const quiet = await runCliAsync(['notify', clean, ...AS_OF, '--to', 'a@probation.example', '--quiet'], { env: { CASELOAD_SMTP_URL: smtp.url } });
        expect(quiet).toEqual({ stdout: '', stderr: '', exitCode: 0 });
        const out = join(clean, 'outbox');
        const written = await runCliAsync(['notify', clean, ...AS_OF, '--split-by', 'team', '--dry-run', out, '--quiet']);
        expect(written).toEqual({ stdout: '', stderr: '', exitCode: 0 });
        expect(existsSync(out)).toBe(false);
        expect(smtp.received).toHaveLength(0);
      } finally {
        cleanupClean();
      }
    });

    it('exits 75 with one line when the SMTP server cannot be reached', async () => {
      const port = await closedPort();
      const result = await runCliAsync(['notify', dir, ...AS_OF, '--split-by', 'manager'], { env: { CASELOAD_SMTP_URL: `smtp://caseload:${SMTP_PASSWORD}@127.0.0.1:${port}` } });
      expect(result.exitCode).toBe(75);
      expect(result.stderr).toMatch(new RegExp(`^caseload: cannot send through smtp://127.0.0.1:${port}: .*; 1 of 1 digest not delivered; send them again with --only manager:M1$`, 'm'));
      expect(result.stderr).not.toContain(SMTP_PASSWORD);
    });

    it('exits 75 when the server refuses the login', async () => {
      const result = await runCliAsync(['notify', dir, ...AS_OF, '--split-by', 'manager'], { env: { CASELOAD_SMTP_URL: `smtp://caseload:wrong@127.0.0.1:${smtp.port}` } });
      expect(result.exitCode).toBe(75);
      expect(result.stderr).toMatch(/cannot send through smtp:\/\/127\.0\.0\.1:\d+: .*Invalid username or password/);
      expect(smtp.received).toHaveLength(0);
    });
  });
});

describe('caseload notify: plurals (issue 9)', () => {
  it('a team with one manager: "for the 1 manager who oversees them"', async () => {
    const { dir, cleanup } = tempDir({ 'officers.csv': SMALL_OFFICERS, 'offenders.csv': SMALL_OFFENDERS });
    try {
      const out = join(dir, 'outbox');
      const result = await runCliAsync(['notify', dir, ...AS_OF, '--split-by', 'team', '--to', 'admin@probation.example', '--dry-run', out, '--quiet']);
      expect(result.exitCode).not.toBe(2);
      const north = await parseMail(readFileSync(join(out, 'team-North.eml')));
      expect(visibleText(north)).toContain('team North: cases of its officers, for the 1 manager who oversees them');
    } finally {
      cleanup();
    }
  });
});
