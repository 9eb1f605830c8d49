/**
 * `caseload notify --view due --split-by officer` (SPEC 3.2, 3.3): each officer's worklist over
 * SMTP to a real server on loopback; absent and departed officers' tasks to their manager; the
 * rest to --to, or reported on stderr with exit 3.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { crnsOf, runCliAsync, startSmtpServer, type TestSmtpServer } from '../helpers/mail.js';

const AS_OF = ['--as-of', '2026-11-16'];

// Every case seen 20 days ago at medium risk: a contact task past due for each.
const OFFICERS = [
  'officer_id,name,grade,team,manager_id,status,status_since,email',
  'M1,Mona Manager,SPO,North,,active,,m1@probation.example',
  'O1,Olga Officer,PO,North,M1,active,,o1@probation.example',
  'O2,Otto Sick,PO,North,M1,sick,2026-09-01,o2@probation.example',
  'O3,Omar Left,PO,North,M1,left,2026-08-01,',
  'O4,Oona Nomail,PO,North,M1,active,,',
].join('\n');
const OFFENDERS = [
  'crn,officer_id,risk,last_contact',
  'C1,O1,medium,2026-10-27',
  'C2,O2,medium,2026-10-27',
  'C3,O3,medium,2026-10-27',
  'C4,O4,medium,2026-10-27',
  'C5,,medium,2026-10-27',
  'C6,M1,medium,2026-10-27',
].join('\n');

describe('caseload notify --view due --split-by officer', () => {
  let smtp: TestSmtpServer;
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => {
    ({ dir, cleanup } = tempDir({ 'officers.csv': OFFICERS, 'offenders.csv': OFFENDERS }));
  });
  afterAll(() => cleanup());
  beforeEach(async () => {
    smtp = await startSmtpServer();
  });
  afterEach(async () => {
    await smtp.close();
  });

  const attachedTo = (address: string): string[] => {
    const messages = smtp.received.filter((message) => message.envelope.to.includes(address));
    expect(messages, address).toHaveLength(1);
    return crnsOf(messages[0]!.mail.attachments[0]!.content);
  };

  it('with --to: the officer in post, the manager covering the absent and the departed, the rest to --to; exit 0', async () => {
    const result = await runCliAsync(['notify', dir, ...AS_OF, '--view', 'due', '--split-by', 'officer', '--to', 'admin@probation.example'], {
      env: { CASELOAD_SMTP_URL: smtp.url },
    });
    expect(result.exitCode).toBe(0);
    expect(smtp.received).toHaveLength(3);
    expect(attachedTo('o1@probation.example')).toEqual(['C1']);
    // M1's own task first, then those of O2 (sick) and O3 (left).
    expect(attachedTo('m1@probation.example')).toEqual(['C6', 'C2', 'C3']);
    expect(attachedTo('admin@probation.example')).toEqual(['C4', 'C5']);
    expect(smtp.received.find((message) => message.envelope.to[0] === 'm1@probation.example')!.mail.subject).toBe(
      'caseload 2026-11-16 officer M1: 3 tasks due by 2026-11-23, 3 past due',
    );
    expect(result.stderr).toContain('caseload: to --to: O4 has no email in officers.csv: 1 task\n');
    expect(result.stderr).toContain('caseload: to --to: unallocated (no officer): 1 task\n');
    expect(result.stderr).toMatch(/^caseload: sent officer O1, 1 task, to o1@probation.example$/m);
  });

  it('without --to: sends the rest, one line per group not sent (even with --quiet), and exits 3', async () => {
    const result = await runCliAsync(['notify', dir, ...AS_OF, '--view', 'due', '--split-by', 'officer', '--quiet'], { env: { CASELOAD_SMTP_URL: smtp.url } });
    expect(result.exitCode).toBe(3);
    expect(smtp.received).toHaveLength(2);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      'caseload: O4 has no email in officers.csv: 1 task not sent; --to ADDRESS sends them',
      'caseload: unallocated (no officer): 1 task not sent; --to ADDRESS sends them',
    ]);
  });

  it('--view due --to alone: one worklist of every task', async () => {
    const result = await runCliAsync(['notify', dir, ...AS_OF, '--view', 'due', '--to', 'admin@probation.example'], { env: { CASELOAD_SMTP_URL: smtp.url } });
    expect(result.exitCode).toBe(0);
    expect(attachedTo('admin@probation.example')).toEqual(['C6', 'C1', 'C2', 'C3', 'C4', 'C5']);
  });

  it('--split-by officer needs --view due, and --view due splits by officer only (exit 2)', () => {
    const env = { env: { CASELOAD_SMTP_URL: 'smtp://127.0.0.1:1' } };
    const noView = runCli(['notify', dir, ...AS_OF, '--split-by', 'officer'], env);
    expect(noView.exitCode).toBe(2);
    expect(noView.stderr).toBe('caseload: notify: --split-by officer sends worklists: add --view due\n');
    expect(runCli(['notify', dir, ...AS_OF, '--view', 'due', '--split-by', 'team'], env).exitCode).toBe(2);
    expect(runCli(['notify', dir, ...AS_OF, '--view', 'overdue', '--to', 'a@probation.example'], env).exitCode).toBe(2);
  });
});
