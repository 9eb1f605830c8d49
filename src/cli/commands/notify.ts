/**
 * `caseload notify [DIR]` (SPEC 3.1): analyses like `report`, then mails the flagged cases over
 * SMTP: one digest to --to, or with --split-by one per manager or team, addressed from
 * officers.csv `email`. --dry-run writes the messages as .eml files instead of sending them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaseResult } from '../../analyse/report.js';
import { DeliveryError, UsageError } from '../../errors.js';
import { composeMessage, digestMail, parseMailbox, type DigestScope } from '../../render/email.js';
import { plainText } from '../../render/text.js';
import { buildView, type View } from '../../render/view.js';
import type { OfficerRecord } from '../../read/records.js';
import { decideExitCode, somethingFlagged } from '../exit-code.js';
import type { RunOptions } from '../option-values.js';
import type { RunContext } from '../run.js';
import type { CommandSpec } from './command.js';
import { compareText } from '../../analyse/compare.js';

export const SMTP_URL_VARIABLE = 'CASELOAD_SMTP_URL';

/** One message to send or write. */
export interface Digest {
  /** File name without `.eml`, before sanitising: `manager-N07E605`, `team-Haringey`, `all`. */
  readonly file: string;
  /** For the lines on stderr: `manager N07E605`. */
  readonly label: string;
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
}

const plural = (count: number, word: string): string => `${count.toLocaleString('en-GB')} ${word}${count === 1 ? '' : 's'}`;

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
    return { digests: [{ file: 'all', label: 'the digest', recipients: toAddresses, to: options.to, view }], unsent: [] };
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
  const { keyed, none } = groupCases(cases, (result) => (splitBy === 'manager' ? result.manager_id : result.team));

  for (const [key, group] of keyed) {
    const shown = plainText(key);
    if (splitBy === 'manager') {
      const address = addressOf(key);
      if (address === null) {
        unsent.push(`manager ${addressProblem(shown, roster.get(key))}: ${plural(group.length, 'case')} not sent`);
        continue;
      }
      const oversees = staff.filter((officer) => officer.managerId === key).length;
      digests.push({
        file: `manager-${key}`,
        label: `manager ${shown}`,
        recipients: [address],
        to: [address],
        view: narrowView(view, group),
        scope: { label: `manager ${key}`, description: `manager ${key}: cases of the ${plural(oversees, 'officer')} they oversee` },
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
        ? 'unallocated, unknown officer, or an officer with no manager_id'
        : 'unallocated, or an officer not in officers.csv or with no team';
    if (options.to.length > 0) {
      digests.push({
        file: `no-${splitBy}`,
        label: `cases with ${what}`,
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

/** CASELOAD_SMTP_URL, checked; `display` is the server without the credentials, for messages. */
export function smtpServer(value: string | undefined): { url: string; display: string } {
  const expected = 'expected smtp://user:password@host:port or smtps://user:password@host:port';
  if (value === undefined || value.trim() === '') {
    throw new UsageError(`${SMTP_URL_VARIABLE} is not set (${expected}); or write the digests with --dry-run DIR`);
  }
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    // The value may hold a password: never echo it.
    throw new UsageError(`${SMTP_URL_VARIABLE} is not a URL (${expected})`);
  }
  if ((url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || url.hostname === '') {
    throw new UsageError(`${SMTP_URL_VARIABLE}: ${expected}`);
  }
  return { url: value.trim(), display: `${url.protocol}//${url.host}` };
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

async function writeDigests(dir: string, messages: { digest: Digest; message: Buffer }[], say: (line: string) => void): Promise<void> {
  if (messages.length === 0) return;
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new UsageError(`${dir}: cannot create the folder (${(error as NodeJS.ErrnoException).code ?? errorText(error)})`);
  }
  const taken = new Set<string>();
  for (const { digest, message } of messages) {
    const path = join(dir, emlFileName(digest.file, taken));
    try {
      await writeFile(path, message);
    } catch (error) {
      throw new UsageError(`${path}: cannot write (${(error as NodeJS.ErrnoException).code ?? errorText(error)})`);
    }
    say(`caseload: wrote ${path}: ${digest.label}, ${plural(digest.view.selectedCases.length, 'case')}, to ${digest.to.join(', ')}`);
  }
}

async function sendDigests(server: { url: string; display: string }, from: string, messages: { digest: Digest; message: Buffer }[], say: (line: string) => void, warn: (line: string) => void): Promise<void> {
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport(server.url);
  const envelopeFrom = parseMailbox(from)!.address;
  let failed = 0;
  try {
    for (const [at, { digest, message }] of messages.entries()) {
      try {
        await transport.sendMail({ envelope: { from: envelopeFrom, to: [...digest.recipients] }, raw: message });
        say(`caseload: sent ${digest.label}, ${plural(digest.view.selectedCases.length, 'case')}, to ${digest.to.join(', ')}`);
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        if (CONNECTION_ERRORS.has(code)) {
          const left = messages.length - at;
          throw new DeliveryError(`cannot send through ${server.display}: ${errorText(error)}; ${plural(left, 'digest')} not sent`);
        }
        failed += 1;
        warn(`caseload: ${digest.label}: not sent: ${errorText(error)}`);
      }
    }
  } finally {
    transport.close();
  }
  if (failed > 0) throw new DeliveryError(`${failed} of ${plural(messages.length, 'digest')} not sent`);
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
  groups: ['files', 'input', 'findings', 'filters', 'email', 'notify'],
  async run(args, options, context: RunContext) {
    const dir = args[0];
    if (options.splitBy === undefined && options.to.length === 0) {
      throw new UsageError('notify: say whom to mail: --split-by manager|team (addresses from officers.csv), or --to ADDRESS');
    }
    // Checked before the export is read: a cron job with no server configured fails at once.
    const server = options.dryRun === undefined ? smtpServer(process.env[SMTP_URL_VARIABLE]) : null;

    const { analyseExport, effectiveConfig, emailSettings, issueSummary, viewOptions } = await import('../run.js');
    const config = await effectiveConfig(options);
    const asOf = options.asOf ?? context.today();
    const inputs = { dir, officers: options.officers, offenders: options.offenders, contacts: options.contacts };
    const { exports, report } = await analyseExport(inputs, options, asOf, config, context);
    const view = buildView(options.splitBy === undefined ? 'report' : 'cases', report, {
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

    const plan = planDigests(view, exports.officers, options);
    // Never silent, even with --quiet: these cases reach nobody.
    for (const line of plan.unsent) context.err(`caseload: ${line}`);
    const settings = emailSettings(options);
    const messages = await Promise.all(
      plan.digests.map(async (digest) => ({
        digest,
        message: await composeMessage(digestMail(digest.view, { ...settings, to: digest.to }, digest.scope), 'windows'),
      })),
    );
    if (server === null) await writeDigests(options.dryRun!, messages, say);
    else await sendDigests(server, options.from, messages, say, context.err);
    if (exports.issues.length > 0) say(issueSummary(exports.issues));
    return exitCode;
  },
};
