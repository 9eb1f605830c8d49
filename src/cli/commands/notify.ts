/**
 * `caseload notify [DIR]` (SPEC 3.1): analyses like `report`, then mails the flagged cases over
 * SMTP: one digest to --to, or with --split-by one per manager or team, addressed from
 * officers.csv `email`. --dry-run writes the messages as .eml files instead of sending them.
 */
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CaseResult } from '../../analyse/report.js';
import { DeliveryError, EXIT, OutputError, UsageError } from '../../errors.js';
import { planDueDigests } from './notify-due.js';
import type { DigestScope } from '../../render/email.js';
import { parseMailbox } from '../../render/mailbox.js';
import { plainText } from '../../render/text.js';
import { buildView, type View } from '../../render/view.js';
import type { OfficerRecord } from '../../read/records.js';
import { decideExitCode, somethingFlagged } from '../exit-code.js';
import type { RunOptions } from '../option-values.js';
import type { RunContext } from '../run.js';
import type { CommandSpec } from './command.js';
import { compareText } from '../../analyse/compare.js';

export const SMTP_URL_VARIABLE = 'CASELOAD_SMTP_URL';
export const SMTP_TIMEOUTS_VARIABLE = 'CASELOAD_SMTP_TIMEOUTS';

/** One message to send or write. */
export interface Digest {
  /** File name without `.eml`, before sanitising: `manager-N07E605`, `team-Haringey`, `all`. */
  readonly file: string;
  /** For the lines on stderr: `manager N07E605`. */
  readonly label: string;
  /** What `--only` calls it, to send it again: `manager:N07E605`, `team:Haringey`, `no-manager`, `all`. */
  readonly key: string;
  /** Bare addresses (the SMTP envelope) and what the To header says. */
  readonly recipients: readonly string[];
  readonly to: readonly string[];
  readonly view: View;
  readonly scope?: DigestScope;
}

export interface DigestPlan {
  readonly digests: Digest[];
  /** One line for each manager, team or group of cases that nobody can be sent: who, and how many cases. */
  readonly unsent: string[];
  /** Rows sent somewhere other than their own recipient (to --to), and why. */
  readonly notes?: string[];
}

const plural = (count: number, word: string): string => `${count.toLocaleString('en-GB')} ${word}${count === 1 ? '' : 's'}`;
/** `12 cases`, or for a worklist `30 tasks`. */
const rowCount = (view: View): string => (view.due === null ? plural(view.selectedCases.length, 'case') : plural(view.due.tasks.length, 'task'));

/** The view narrowed to some of its cases: what one manager's or team's digest shows. */
function narrowView(view: View, cases: CaseResult[]): View {
  return { ...view, cases, selectedCases: cases, casesTotal: cases.length };
}

function groupCases(cases: readonly CaseResult[], keyOf: (result: CaseResult) => string | null): { keyed: Map<string, CaseResult[]>; none: CaseResult[] } {
  const keyed = new Map<string, CaseResult[]>();
  const none: CaseResult[] = [];
  for (const result of cases) {
    const key = keyOf(result);
    if (key === null || key === '') none.push(result);
    else {
      const group = keyed.get(key);
      if (group) group.push(result);
      else keyed.set(key, [result]);
    }
  }
  return { keyed: new Map([...keyed].sort(([a], [b]) => compareText(a, b))), none };
}

/** Why an officer row gives no address, or null when it gives one. */
function addressProblem(officerId: string, record: OfficerRecord | undefined): string | null {
  if (record === undefined) return `${officerId} is not in officers.csv`;
  if (record.email === null) return `${officerId} has no email in officers.csv`;
  if (parseMailbox(record.email) === null) return `${officerId} has an email in officers.csv that is not one address`;
  return null;
}

/**
 * Who gets which cases (README, "notify"): with --split-by manager, each manager their officers'
 * cases at their own officers.csv email; with --split-by team, each team's cases to the
 * managers of that team's officers; cases with no manager (or no team) to --to when given.
 * Without --split-by, one digest of the whole view to --to.
 */
export function planDigests(view: View, officers: readonly OfficerRecord[], options: Pick<RunOptions, 'splitBy' | 'to'>): DigestPlan {
  const cases = view.selectedCases;
  const toAddresses = options.to.map((text) => parseMailbox(text)!.address);
  if (options.splitBy === undefined) {
    return { digests: [{ file: 'all', label: 'the digest', key: 'all', recipients: toAddresses, to: options.to, view }], unsent: [] };
  }
  // A repeated officer_id: the later row wins, as in the analysis.
  const roster = new Map(officers.map((officer) => [officer.officerId, officer]));
  const staff = [...roster.values()];
  const addressOf = (officerId: string): string | null => {
    const email = roster.get(officerId)?.email;
    return email === null || email === undefined ? null : (parseMailbox(email)?.address ?? null);
  };
  const digests: Digest[] = [];
  const unsent: string[] = [];
  const splitBy = options.splitBy;
  // A senior officer (a manager of others, or an SPO) with no manager of their own reads their
  // own cases in their own digest, not among the cases with no manager.
  const managers = new Set(staff.map((officer) => officer.managerId).filter((id) => id !== null));
  const isSenior = (officerId: string | null): officerId is string =>
    officerId !== null && roster.has(officerId) && (managers.has(officerId) || roster.get(officerId)!.grade === 'SPO');
  const managerOf = (result: CaseResult): string | null => result.manager_id ?? (isSenior(result.officer_id) ? result.officer_id : null);
  const { keyed, none } = groupCases(cases, (result) => (splitBy === 'manager' ? managerOf(result) : result.team));

  for (const [key, group] of keyed) {
    const shown = plainText(key);
    if (splitBy === 'manager') {
      const address = addressOf(key);
      if (address === null) {
        unsent.push(`manager ${addressProblem(shown, roster.get(key))}: ${plural(group.length, 'case')} not sent`);
        continue;
      }
      const oversees = staff.filter((officer) => officer.managerId === key).length;
      const own = group.some((result) => result.officer_id === key) ? ', and their own' : '';
      digests.push({
        file: `manager-${key}`,
        label: `manager ${shown}`,
        key: `manager:${key}`,
        recipients: [address],
        to: [address],
        view: narrowView(view, group),
        scope: { label: `manager ${key}`, description: `manager ${key}: cases of the ${plural(oversees, 'officer')} they oversee${own}` },
      });
    } else {
      const managers = [...new Set(staff.filter((officer) => officer.team === key && officer.managerId !== null).map((officer) => officer.managerId!))].sort();
      const addresses = [...new Set(managers.map(addressOf).filter((address): address is string => address !== null))].sort();
      if (addresses.length === 0) {
        const why = managers.length === 0 ? 'no officer of it has a manager_id' : `no manager of its officers (${managers.map(plainText).join(', ')}) has an email in officers.csv`;
        unsent.push(`team ${shown}: ${why}: ${plural(group.length, 'case')} not sent`);
        continue;
      }
      digests.push({
        file: `team-${key}`,
        label: `team ${shown}`,
        key: `team:${key}`,
        recipients: addresses,
        to: addresses,
        view: narrowView(view, group),
        scope: { label: `team ${key}`, description: `team ${key}: cases of its officers, for the ${plural(managers.length, 'manager')} who ${managers.length === 1 ? 'oversees' : 'oversee'} them` },
      });
    }
  }

  if (none.length > 0) {
    const what = splitBy === 'manager' ? 'no manager' : 'no team';
    const why =
      splitBy === 'manager'
        ? 'unallocated, unknown officer, or an officer with no manager_id who manages nobody'
        : 'unallocated, or an officer not in officers.csv or with no team';
    if (options.to.length > 0) {
      digests.push({
        file: `no-${splitBy}`,
        label: `cases with ${what}`,
        key: `no-${splitBy}`,
        recipients: toAddresses,
        to: options.to,
        view: narrowView(view, none),
        scope: { label: what, description: `cases with ${what} (${why})` },
      });
    } else {
      unsent.push(`${plural(none.length, 'case')} with ${what} (${why}) not sent; --to ADDRESS sends them`);
    }
  }
  return { digests, unsent };
}

/** `team-Camden North` → `team-Camden_North.eml`: letters, digits, `.`, `_`, `-`; never clashing. */
export function emlFileName(stem: string, taken: Set<string>): string {
  const base =
    stem
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._-]+|_+$/g, '')
      .slice(0, 100) || 'digest';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${base}-${n}`;
  taken.add(name.toLowerCase());
  return `${name}.eml`;
}

/** Characters that must be percent-encoded in a URL's user name or password. */
const UNENCODED_IN_USER_INFO = /[@#/?\[\]\s]|%(?![0-9A-Fa-f]{2})/;

/**
 * CASELOAD_SMTP_URL, checked; `display` is the server without the credentials, for messages.
 * No part of the user name or password is ever printed: a password holding `@` or `#`
 * unencoded would make a URL parser take part of it for the host.
 */
export function smtpServer(value: string | undefined): { url: string; display: string } {
  const expected = 'expected smtp://user:password@host:port or smtps://user:password@host:port';
  if (value === undefined || value.trim() === '') {
    throw new UsageError(`${SMTP_URL_VARIABLE} is not set (${expected}); or write the digests with --dry-run DIR`);
  }
  const text = value.trim();
  // As a person means it, the user-info runs from `//` to the last `@`.
  const scheme = text.indexOf('//');
  const lastAt = text.lastIndexOf('@');
  if (scheme !== -1 && lastAt > scheme && UNENCODED_IN_USER_INFO.test(text.slice(scheme + 2, lastAt))) {
    throw new UsageError(
      `${SMTP_URL_VARIABLE} is malformed: the user name or password holds characters a URL reserves; ` +
        'percent-encode them (@ as %40, # as %23, / as %2F, ? as %3F, % as %25, a space as %20, and : in the user name as %3A)',
    );
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // The value may hold a password: never echo it.
    throw new UsageError(`${SMTP_URL_VARIABLE} is not a URL (${expected})`);
  }
  if ((url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || url.hostname === '') {
    throw new UsageError(`${SMTP_URL_VARIABLE}: ${expected}`);
  }
  return { url: text, display: `${url.protocol}//${url.host}` };
}

export interface SmtpTimeouts {
  /** Milliseconds, as nodemailer takes them. */
  readonly connectionTimeout: number;
  readonly greetingTimeout: number;
  readonly socketTimeout: number;
}

const TIMEOUT_NAMES = { connect: 'connectionTimeout', greeting: 'greetingTimeout', socket: 'socketTimeout' } as const;

/**
 * CASELOAD_SMTP_TIMEOUTS (`connect=30,greeting=30,socket=60`, seconds, any of the three): how
 * long to wait for the connection, the server's greeting, and any reply after that. A stalled
 * server costs at most these, never nodemailer's ten minutes a message.
 */
export function smtpTimeouts(value: string | undefined): SmtpTimeouts {
  const timeouts = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };
  if (value === undefined || value.trim() === '') return timeouts;
  for (const part of value.split(',')) {
    const [name, seconds] = part.split('=').map((piece) => piece.trim());
    const key = TIMEOUT_NAMES[name as keyof typeof TIMEOUT_NAMES];
    const number = Number(seconds);
    if (key === undefined || seconds === undefined || seconds === '' || !Number.isFinite(number) || number <= 0) {
      throw new UsageError(`${SMTP_TIMEOUTS_VARIABLE}: expected connect=SECONDS,greeting=SECONDS,socket=SECONDS (got "${part.trim()}")`);
    }
    timeouts[key] = Math.round(number * 1000);
  }
  return timeouts;
}

/** Errors that mean no further message can go either: the server, the connection or the login. */
const CONNECTION_ERRORS = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EREQUIRETLS',
  'EPROTOCOL',
  'EAUTH',
  'ENOAUTH',
  'EOAUTH2',
  'EPROXY',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

const errorText = (error: unknown): string => plainText(error instanceof Error ? error.message : String(error));

/**
 * Makes `dir` and its missing parents one at a time, so a folder that cannot be made (under
 * /proc, say, where Node's recursive mkdir never gives up) is refused at once.
 */
async function makeFolder(dir: string): Promise<void> {
  const refuse = (why: string): never => {
    throw new OutputError(`${dir}: cannot create the folder (${why}); no digest written`);
  };
  const missing: string[] = [];
  for (let path = resolve(dir); ; ) {
    try {
      if (!(await stat(path)).isDirectory()) refuse(`${path} is not a folder`);
      break;
    } catch (error) {
      if (error instanceof OutputError) throw error;
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') refuse((error as NodeJS.ErrnoException).code ?? errorText(error));
      missing.push(path);
      if (dirname(path) === path) break;
      path = dirname(path);
    }
  }
  for (const path of missing.reverse()) {
    try {
      await mkdir(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST' || !(await stat(path).then((info) => info.isDirectory(), () => false))) refuse(code ?? errorText(error));
    }
  }
}

/**
 * Writes each message to a temporary name and renames it into place: a full disk or a signal
 * never leaves a truncated `.eml` behind. A write that fails is exit 74, naming every digest
 * not written.
 */
async function writeDigests(dir: string, messages: { digest: Digest; message: Buffer }[], say: (line: string) => void): Promise<void> {
  if (messages.length === 0) return;
  await makeFolder(dir);
  const taken = new Set<string>();
  let writing: string | null = null;
  // SIGTERM mid-write: remove the temporary file, then end as the signal would have.
  const onSignal = (signal: NodeJS.Signals): void => {
    if (writing !== null) {
      try {
        unlinkSync(writing);
      } catch {
        // already gone
      }
    }
    process.kill(process.pid, signal);
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  try {
    for (const [at, { digest, message }] of messages.entries()) {
      const name = emlFileName(digest.file, taken);
      const path = join(dir, name);
      writing = join(dir, `.${name}.${process.pid}.tmp`);
      try {
        await writeFile(writing, message);
        await rename(writing, path);
      } catch (error) {
        await unlink(writing).catch(() => {});
        const left = messages.slice(at).map((unwritten) => unwritten.digest);
        throw new OutputError(
          `${path}: cannot write (${(error as NodeJS.ErrnoException).code ?? errorText(error)}); ` +
            `${plural(left.length, 'digest')} not written: ${left.map((unwritten) => unwritten.label).join(', ')}`,
        );
      }
      writing = null;
      say(`caseload: wrote ${path}: ${digest.label}, ${rowCount(digest.view)}, to ${digest.to.join(', ')}`);
    }
  } finally {
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('SIGINT', onSignal);
  }
}

/** `--only manager:N07E605,team:Haringey`: the digests to send again after a failed run. */
function onlyDigests(digests: Digest[], only: readonly string[]): Digest[] {
  if (only.length === 0) return digests;
  const known = new Map(digests.map((digest) => [digest.key.toLowerCase(), digest]));
  const unknown = only.filter((key) => !known.has(key.toLowerCase()));
  if (unknown.length > 0) {
    const keys = digests.map((digest) => digest.key);
    const listed = keys.length > 10 ? `${keys.slice(0, 10).join(', ')}, … ${keys.length - 10} more` : keys.join(', ');
    throw new UsageError(`--only: no digest ${unknown.map((key) => `"${plainText(key)}"`).join(', ')} in this run (digests: ${listed || 'none'})`);
  }
  const wanted = new Set(only.map((key) => key.toLowerCase()));
  return digests.filter((digest) => wanted.has(digest.key.toLowerCase()));
}

/** One line per digest that did not reach every recipient, then the command-line to send them again. */
function undelivered(failed: Digest[], total: number): string {
  return `${failed.length} of ${plural(total, 'digest')} not delivered; send them again with --only ${failed.map((digest) => digest.key).join(',')}`;
}

async function sendDigests(
  server: { url: string; display: string },
  timeouts: SmtpTimeouts,
  from: string,
  messages: { digest: Digest; message: Buffer }[],
  say: (line: string) => void,
  warn: (line: string) => void,
): Promise<void> {
  const { default: nodemailer } = await import('nodemailer');
  // The URL's own settings (say ?socketTimeout=…) win over these defaults.
  const transport = nodemailer.createTransport({ ...timeouts, url: server.url });
  const envelopeFrom = parseMailbox(from)!.address;
  const failed: Digest[] = [];
  const count = (digest: Digest): string => rowCount(digest.view);
  try {
    for (const [at, { digest, message }] of messages.entries()) {
      let rejected: string[];
      try {
        const info = await transport.sendMail({ envelope: { from: envelopeFrom, to: [...digest.recipients] }, raw: message });
        rejected = (info.rejected ?? []).map((address) => String(address));
        for (const error of info.rejectedErrors ?? []) warn(`caseload: ${digest.label}: refused for ${plainText(String((error as { recipient?: string }).recipient ?? ''))}: ${errorText(error)}`);
        if (rejected.length > 0 && (info.rejectedErrors ?? []).length === 0) warn(`caseload: ${digest.label}: refused for ${rejected.map(plainText).join(', ')}`);
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        if (CONNECTION_ERRORS.has(code)) {
          // Never silent, even with --quiet: which digests a rerun must send.
          const left = [...failed, ...messages.slice(at).map((unsent) => unsent.digest)];
          for (const unsent of messages.slice(at)) warn(`caseload: not sent: ${unsent.digest.label}, ${count(unsent.digest)}, to ${unsent.digest.to.join(', ')}`);
          throw new DeliveryError(`cannot send through ${server.display}: ${errorText(error)}; ${undelivered(left, messages.length)}`);
        }
        failed.push(digest);
        warn(`caseload: not sent: ${digest.label}, ${count(digest)}: ${errorText(error)}`);
        continue;
      }
      const delivered = digest.recipients.filter((address) => !rejected.includes(address));
      if (rejected.length > 0) failed.push(digest);
      if (delivered.length > 0) say(`caseload: sent ${digest.label}, ${count(digest)}, to ${delivered.join(', ')}`);
    }
  } finally {
    transport.close();
  }
  if (failed.length > 0) throw new DeliveryError(undelivered(failed, messages.length));
}

export const notifyCommand: CommandSpec = {
  name: 'notify',
  args: '[DIR]',
  summary: `mail the flagged cases over SMTP (server from ${SMTP_URL_VARIABLE}): to --to, or one digest per manager or team`,
  examples: [
    `${SMTP_URL_VARIABLE}="$(cat ~/.caseload-smtp-url)" caseload notify exports/2026-11-16 --split-by manager`,
    'caseload notify exports/2026-11-16 --split-by team --to pdu-admin@probation.example --dry-run outbox',
    `${SMTP_URL_VARIABLE}=smtp://mail.example:25 caseload notify exports/2026-11-16 --to spo@probation.example --risk high,very_high --quiet`,
  ],
  groups: ['files', 'input', 'findings', 'filters', 'email', 'notify', 'due'],
  async run(args, options, context: RunContext) {
    const dir = args[0];
    if (options.splitBy === undefined && options.to.length === 0) {
      throw new UsageError('notify: say whom to mail: --split-by manager|team (addresses from officers.csv), or --to ADDRESS');
    }
    const dueView = options.view === 'due';
    if (options.splitBy === 'officer' && !dueView) throw new UsageError('notify: --split-by officer sends worklists: add --view due');
    if (dueView && (options.splitBy === 'manager' || options.splitBy === 'team')) {
      throw new UsageError('notify --view due: split by officer (--split-by officer), or send one worklist with --to');
    }
    // Checked before the export is read: a cron job with no server configured fails at once.
    const server = options.dryRun === undefined ? smtpServer(process.env[SMTP_URL_VARIABLE]) : null;
    const timeouts = smtpTimeouts(process.env[SMTP_TIMEOUTS_VARIABLE]);

    const { analyseExport, effectiveConfig, emailSettings, issueSummary, viewOptions } = await import('../run.js');
    const config = await effectiveConfig(options, context);
    const asOf = options.asOf ?? context.today();
    const inputs = { dir, officers: options.officers, offenders: options.offenders, contacts: options.contacts };
    const { exports, report } = await analyseExport(inputs, options, asOf, config, context);
    const view = buildView(dueView ? 'due' : options.splitBy === undefined ? 'report' : 'cases', report, {
      ...viewOptions(options, dir ?? options.offenders ?? 'export', report),
      // Digests leave names out unless --include-names (SPEC 3.1).
      redact: options.redact || !options.includeNames,
    });
    const exitCode = decideExitCode(view, options.failOn);
    const say = (line: string): void => {
      if (!options.quiet) context.err(line);
    };
    if (!somethingFlagged(view)) {
      say(`caseload: nothing flagged: no digest ${server === null ? 'written' : 'sent'}`);
      return exitCode;
    }

    const plan = options.splitBy === 'officer' ? planDueDigests(view, exports.officers, options) : planDigests(view, exports.officers, options);
    const digests = onlyDigests(plan.digests, options.only);
    // Never silent, even with --quiet: these cases reach nobody. A rerun with --only asks for
    // certain digests, not for these again.
    const unsent = options.only.length === 0 ? plan.unsent : [];
    for (const line of unsent) context.err(`caseload: ${line}`);
    for (const line of plan.notes ?? []) say(`caseload: ${line}`);
    const settings = emailSettings(options);
    const { composeMessage, digestMail } = await import('../../render/email.js');
    const messages = await Promise.all(
      digests.map(async (digest) => ({
        digest,
        message: await composeMessage(await digestMail(digest.view, { ...settings, to: digest.to }, digest.scope), 'windows'),
      })),
    );
    if (server === null) await writeDigests(options.dryRun!, messages, say);
    else await sendDigests(server, timeouts, options.from, messages, say, context.err);
    if (exports.issues.length > 0) say(issueSummary(exports.issues));
    // SPEC 3.3: the rest were sent, but some cases (or worklist rows) reach nobody: not a clean run.
    return unsent.length > 0 ? EXIT.input : exitCode;
  },
};
