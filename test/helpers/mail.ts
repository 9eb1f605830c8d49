/**
 * Mail helpers for the email and notify tests: a real SMTP server in the test process, the
 * built CLI run asynchronously (so that server can answer it), and messages parsed with mailparser.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { BIN, FIXTURES, ROOT, type CliOptions, type CliResult } from './cli.js';

/** Like runCli, but without blocking the test process: an SMTP server in it can answer the CLI. */
export function runCliAsync(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, TZ: 'Europe/London', ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), exitCode: code ?? -1 }));
  });
}

export interface ReceivedMail {
  readonly envelope: { readonly from: string; readonly to: string[] };
  readonly user: string | null;
  readonly raw: Buffer;
  readonly mail: ParsedMail;
}

export interface TestSmtpServer {
  readonly port: number;
  /** `smtp://caseload:secret@127.0.0.1:PORT` */
  readonly url: string;
  readonly received: ReceivedMail[];
  close(): Promise<void>;
}

export const SMTP_USER = 'caseload';
export const SMTP_PASSWORD = 'secret-pass-7341';

export interface SmtpFaults {
  /** Recipients refused with a 550 at RCPT TO. */
  readonly refuse?: readonly string[];
  /** Stop listening after taking this many messages: the next connection is refused. */
  readonly closeAfter?: number;
}

/** A real SMTP server on 127.0.0.1 and a free port, collecting (and parsing) every message it takes. */
export async function startSmtpServer(faults: SmtpFaults = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    onRcptTo(address, _session, callback) {
      if (faults.refuse?.includes(address.address)) callback(Object.assign(new Error(`550 ${address.address}: no such mailbox`), { responseCode: 550 }));
      else callback();
    },
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((mail) => {
            received.push({
              envelope: {
                from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
                to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              },
              user: typeof session.user === 'string' ? session.user : null,
              raw,
              mail,
            });
            callback();
            if (received.length === faults.closeAfter) server.server.close();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on: for the server-down case. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export const parseMail = (raw: string | Buffer): Promise<ParsedMail> => simpleParser(raw);

/** The rows of a CSV text (an attachment, an export file) as objects keyed by header. */
export function csvRows(text: string | Buffer): Record<string, string>[] {
  return parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** The crn column of a CSV attachment. */
export function crnsOf(csv: string | Buffer): string[] {
  return csvRows(csv).map((row) => row.crn!);
}

/** Every name of a person or officer in the north-london fixture (for "no name leaks" checks). */
export function fixtureNames(): string[] {
  const names = new Set<string>();
  for (const file of ['officers.csv', 'offenders.csv']) {
    for (const row of csvRows(readFileSync(join(FIXTURES, 'north-london', file)))) if (row.name) names.add(row.name);
  }
  return [...names];
}

/** Everything a reader of the message sees, decoded: headers, both bodies, the attachments. */
export function visibleText(mail: ParsedMail): string {
  const headers = [...mail.headers].map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`).join('\n');
  const html = typeof mail.html === 'string' ? mail.html : '';
  return [headers, mail.text ?? '', html, ...mail.attachments.map((attachment) => attachment.content.toString('utf8'))].join('\n');
}
