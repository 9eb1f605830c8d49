/**
 * `caseload notify` under faults (issue 15, issue 9 point 12), against real SMTP servers on
 * loopback: refused recipients, a server that goes away mid-run, one that never answers, a
 * malformed CASELOAD_SMTP_URL, digests that reach nobody, and --dry-run writes that fail.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { crnsOf, runCliAsync, startSmtpServer } from '../helpers/mail.js';

const AS_OF = ['--as-of', '2026-11-16'];
const folders: (() => void)[] = [];
afterAll(() => folders.forEach((cleanup) => cleanup()));
function folder(files: Record<string, string> = {}): string {
  const { dir, cleanup } = tempDir(files);
  folders.push(cleanup);
  return dir;
}

/** Three managers with an email (M3 is an SPO with cases of their own), one without, one unallocated case. */
const OFFICERS = [
  'officer_id,name,grade,team,manager_id,email',
  'M1,Mona Manager,SPO,North,,m1@probation.example',
  'M2,Mark Nomail,SPO,South,,',
  'M3,Mina Senior,SPO,East,,m3@probation.example',
  'M4,Max Manager,SPO,West,,m4@probation.example',
  'O1,Olga Officer,PO,North,M1,o1@probation.example',
  'O2,Otto Officer,PO,South,M2,o2@probation.example',
  'O3,Oona Officer,PO,East,M3,o3@probation.example',
  'O4,Omar Officer,PO,West,M4,o4@probation.example',
].join('\n');
const OFFENDERS = [
  'crn,officer_id,risk,name,last_contact',
  'C1,O1,high,Cara Case,2026-01-01',
  'C2,O2,high,Carl Case,2026-02-01',
  'C3,O3,medium,Cora Case,2026-03-01',
  'C4,M3,high,Cleo Case,2026-03-01',
  'C5,O4,high,Cyd Case,2026-03-01',
].join('\n');
const exportDir = (): string => folder({ 'officers.csv': OFFICERS, 'offenders.csv': OFFENDERS });

describe('notify: every digest delivered, or named', () => {
  it('a refused recipient is named and the run exits 75; the others still get the digest', async () => {
    const smtp = await startSmtpServer({ refuse: ['refused@probation.example'] });
    try {
      const result = await runCliAsync(['notify', exportDir(), ...AS_OF, '--to', 'ok@probation.example,refused@probation.example', '--quiet'], {
        env: { CASELOAD_SMTP_URL: smtp.url },
      });
      expect(smtp.received.map((message) => message.envelope.to)).toEqual([['ok@probation.example']]);
      expect(result.stderr).toMatch(/^caseload: the digest: refused for refused@probation\.example: .*550/m);
      expect(result.stderr).toMatch(/^caseload: 1 of 1 digest not delivered; send them again with --only all\n$/m);
      expect(result.exitCode).toBe(75);
    } finally {
      await smtp.close();
    }
  });

  it('a server lost mid-run: every undelivered digest named, even with --quiet, and --only sends exactly them', async () => {
    const dir = exportDir();
    const smtp = await startSmtpServer({ closeAfter: 1 });
    let keys: string;
    try {
      const result = await runCliAsync(['notify', dir, ...AS_OF, '--split-by', 'manager', '--quiet'], { env: { CASELOAD_SMTP_URL: smtp.url } });
      expect(smtp.received).toHaveLength(1);
      expect(result.exitCode).toBe(75);
      expect(result.stderr).toContain('caseload: manager M2 has no email in officers.csv: 1 case not sent\n');
      expect(result.stderr).toContain('caseload: not sent: manager M3, 2 cases, to m3@probation.example\n');
      expect(result.stderr).toContain('caseload: not sent: manager M4, 1 case, to m4@probation.example\n');
      const last = result.stderr.trimEnd().split('\n').at(-1)!;
      expect(last).toMatch(/^caseload: cannot send through smtp:\/\/127\.0\.0\.1:\d+: .*; 2 of 3 digests not delivered; send them again with --only manager:M3,manager:M4$/);
      keys = last.split('--only ')[1]!;
    } finally {
      await smtp.close();
    }
    const again = await startSmtpServer();
    try {
      const rerun = await runCliAsync(['notify', dir, ...AS_OF, '--split-by', 'manager', '--only', keys, '--quiet'], { env: { CASELOAD_SMTP_URL: again.url } });
      expect(rerun.stderr).toBe('');
      expect(rerun.exitCode).toBe(0);
      expect(again.received.map((message) => message.envelope.to[0]).sort()).toEqual(['m3@probation.example', 'm4@probation.example']);
      // The senior officer's own case is in their own digest.
      const m3 = again.received.find((message) => message.envelope.to[0] === 'm3@probation.example')!;
      expect(crnsOf(m3.mail.attachments[0]!.content).sort()).toEqual(['C3', 'C4']);
      const unknown = await runCliAsync(['notify', dir, ...AS_OF, '--split-by', 'manager', '--only', 'manager:M9'], { env: { CASELOAD_SMTP_URL: again.url } });
      expect(unknown.stderr).toBe('caseload: --only: no digest "manager:M9" in this run (digests: manager:M1, manager:M3, manager:M4)\n');
      expect(unknown.exitCode).toBe(2);
    } finally {
      await again.close();
    }
  });

  it('a digest that reaches nobody: reported, the rest sent, exit 3', async () => {
    const smtp = await startSmtpServer();
    try {
      const result = await runCliAsync(['notify', exportDir(), ...AS_OF, '--split-by', 'manager', '--quiet'], { env: { CASELOAD_SMTP_URL: smtp.url } });
      expect(smtp.received.map((message) => message.envelope.to[0]).sort()).toEqual(['m1@probation.example', 'm3@probation.example', 'm4@probation.example']);
      expect(result.stderr).toBe('caseload: manager M2 has no email in officers.csv: 1 case not sent\n');
      expect(result.exitCode).toBe(3);
    } finally {
      await smtp.close();
    }
  });

  it('a server that never greets costs the greeting timeout (CASELOAD_SMTP_TIMEOUTS), then exit 75 naming the digest', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as AddressInfo;
    try {
      const started = performance.now();
      const result = await runCliAsync(['notify', exportDir(), ...AS_OF, '--to', 'ok@probation.example'], {
        env: { CASELOAD_SMTP_URL: `smtp://127.0.0.1:${port}`, CASELOAD_SMTP_TIMEOUTS: 'greeting=1,socket=2' },
      });
      expect(performance.now() - started).toBeLessThan(15_000);
      expect(result.stderr).toContain('caseload: not sent: the digest, 5 cases, to ok@probation.example\n');
      expect(result.stderr).toMatch(/caseload: cannot send through smtp:\/\/127\.0\.0\.1:\d+: .*; 1 of 1 digest not delivered; send them again with --only all\n$/);
      expect(result.exitCode).toBe(75);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      silent.close();
    }
  });

  it('CASELOAD_SMTP_TIMEOUTS that cannot be read: a usage error (exit 2)', () => {
    const result = runCli(['notify', exportDir(), ...AS_OF, '--to', 'ok@probation.example'], {
      env: { CASELOAD_SMTP_URL: 'smtp://127.0.0.1:1', CASELOAD_SMTP_TIMEOUTS: 'greeting=soon' },
    });
    expect(result.stderr).toBe('caseload: CASELOAD_SMTP_TIMEOUTS: expected connect=SECONDS,greeting=SECONDS,socket=SECONDS (got "greeting=soon")\n');
    expect(result.exitCode).toBe(2);
  });

  it('a CASELOAD_SMTP_URL with @ and # unencoded in the password: malformed, and no part of the user-info printed', () => {
    const result = runCli(['notify', exportDir(), ...AS_OF, '--to', 'ok@probation.example'], {
      env: { CASELOAD_SMTP_URL: 'smtp://mailer:Pa55@w0rd#9@127.0.0.1:2525' },
    });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^caseload: CASELOAD_SMTP_URL is malformed: .*percent-encode them \(@ as %40, # as %23/);
    for (const part of ['mailer', 'Pa55', 'w0rd', '#9']) expect(result.stderr).not.toContain(part);
  });
});

describe('notify --dry-run: whole files or none', () => {
  it('a digest that cannot be written: exit 74 naming the digests not written, no partial or temporary file', () => {
    const out = folder();
    mkdirSync(join(out, 'manager-M3.eml')); // the rename into place fails
    const result = runCli(['notify', exportDir(), ...AS_OF, '--split-by', 'manager', '--dry-run', out, '--quiet']);
    expect(result.exitCode).toBe(74);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(
      `caseload: ${join(out, 'manager-M3.eml')}: cannot write (EISDIR); 2 digests not written: manager M3, manager M4`,
    );
    expect(readdirSync(out).sort()).toEqual(['manager-M1.eml', 'manager-M3.eml']);
  });

  it('a folder that cannot be made (under /proc) is refused at once: exit 74', () => {
    const started = performance.now();
    const result = runCli(['notify', exportDir(), ...AS_OF, '--split-by', 'manager', '--dry-run', '/proc/caseload-x/out', '--quiet']);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(result.stderr).toContain('caseload: /proc/caseload-x/out: cannot create the folder (ENOENT); no digest written\n');
    expect(result.exitCode).toBe(74);
    expect(existsSync('/proc/caseload-x')).toBe(false);
  });
});
