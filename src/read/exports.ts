/** The reading stage's entry point: one export (folder or named files) → Exports. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import type { Config } from '../config/schema.js';
import type { FileKind } from './columns.js';
import { readContacts, type ContactSettings, type ContactsRead } from './contacts.js';
import { defaultThreads, startContactsInParallel } from './parallel.js';
import { readOfficers } from './officers.js';
import { readOffenders } from './offenders.js';
import type { CaseRecord, Exports, InputSummary, Issue, OfficerRecord } from './records.js';
import { describeFsError, sourceFor, type Encoding, type Source } from './source.js';
import { PROGRESS_MIN_BYTES, ReadProgress } from './progress.js';
import { IssueLog, type ReadSettings } from './table.js';
import type { Day } from './values.js';

export interface ExportInputs {
  /** A folder holding officers.csv, offenders.csv and optionally contacts.csv. */
  readonly dir?: string | undefined;
  /** Files named one by one override the folder's; `-` is standard input. */
  readonly officers?: string | undefined;
  readonly offenders?: string | undefined;
  readonly contacts?: string | undefined;
}

export interface ReadOptions {
  readonly asOf: Day;
  readonly config: Config;
  readonly encoding?: Encoding | undefined;
  readonly delimiter?: string | undefined;
  /** Worker threads for a large contacts.csv; 1 reads everything in one stream. */
  readonly threads?: number | undefined;
  /** Files smaller than this are read in one stream whatever `threads` says. */
  readonly parallelMinBytes?: number | undefined;
  /** For a large export: a progress line now and then, and null when reading is done. */
  readonly onProgress?: ((line: string | null) => void) | undefined;
  /**
   * Told of the officers and cases once they are read, before contacts.csv is read here: the
   * analysis can start on them while other threads are still reading it.
   */
  readonly onCasesRead?: ((read: Pick<Exports, 'officers' | 'cases'>) => void) | undefined;
}

/** A progress meter over the files, when they are large enough for one to help. */
async function progressFor(sources: (Source | null)[], show: ((line: string | null) => void) | undefined): Promise<ReadProgress | null> {
  if (show === undefined) return null;
  let total = 0;
  for (const source of sources) {
    if (source === null || source.path === '-') continue;
    total += await stat(source.path).then((info) => info.size, () => 0);
  }
  return total < PROGRESS_MIN_BYTES ? null : new ReadProgress(total, show);
}

/**
 * A file with a header and nothing under it is a failed export job, not a clean week: every
 * case would vanish (offenders.csv) or be unknown_officer (officers.csv). So is one whose every
 * row was rejected or a footer.
 */
function requireRows(input: InputSummary, what: string): void {
  if (input.used > 0) return;
  const rows = input.rows === 0 ? 'no rows under its header' : `none of its ${input.rows} row${input.rows === 1 ? '' : 's'} could be read`;
  throw new InputError(`${input.path}: no ${what}: ${rows}; was the export cut short?`);
}

/**
 * A case's officer_id that is not on the roster but matches a roster code without regard to
 * case (`n07f726` for N07F726) is read as that officer, with an issue: a typed code is not a
 * lost case. The lower-cased roster is built only when some code is not on it as written, so a
 * clean million-case export pays one set lookup a case.
 */
export function matchOfficerCodes(cases: CaseRecord[], officers: readonly OfficerRecord[], file: string): Issue[] {
  const roster = new Set(officers.map((officer) => officer.officerId));
  let folded: Map<string, string | null> | null = null;
  const issues: Issue[] = [];
  for (let at = 0; at < cases.length; at++) {
    const record = cases[at]!;
    if (record.officerId === null || roster.has(record.officerId)) continue;
    if (folded === null) {
      folded = new Map();
      // Two roster codes that differ only in case leave a third spelling ambiguous: no match.
      for (const officerId of roster) {
        const key = officerId.toLowerCase();
        folded.set(key, folded.has(key) ? null : officerId);
      }
    }
    const match = folded.get(record.officerId.toLowerCase());
    if (match === undefined || match === null) continue;
    issues.push({
      file,
      line: record.line,
      column: 'officer_id',
      code: 'officer_id_case',
      message: `officer_id: "${record.officerId}" is not on the roster; read as ${match}, which differs only in case`,
    });
    cases[at] = { ...record, officerId: match };
  }
  return issues;
}

/** Two lists of one file's issues, each in line order, as one list in line order. */
function mergeByLine(first: Issue[], second: Issue[]): Issue[] {
  if (second.length === 0) return first;
  const lineOf = (issue: Issue): number => issue.line ?? 0;
  second.sort((a, b) => lineOf(a) - lineOf(b));
  const merged: Issue[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length || j < second.length) {
    if (j >= second.length || (i < first.length && lineOf(first[i]!) <= lineOf(second[j]!))) merged.push(first[i++]!);
    else merged.push(second[j++]!);
  }
  return merged;
}

/** A folder's file for `kind`, matched without regard to case (`Offenders.CSV` from Windows). */
async function fileInFolder(dir: string, kind: FileKind): Promise<string | null> {
  let names: string[];
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new InputError(`${dir}: not a folder`);
    names = await readdir(dir);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${dir}: ${code === 'ENOENT' ? 'no such folder' : describeFsError(error)}`);
  }
  const wanted = `${kind}.csv`;
  const matching = names.filter((candidate) => candidate.toLowerCase() === wanted).sort();
  // Which one the folder lists first is chance: reading either could miss the other's cases.
  if (matching.length > 1) {
    throw new InputError(`${dir}: ${matching.map((name) => join(dir, name)).join(' and ')} both match ${wanted}; keep one, or name it with --${kind}`);
  }
  return matching.length === 0 ? null : join(dir, matching[0]!);
}

export async function resolveSources(inputs: ExportInputs): Promise<Record<'officers' | 'offenders', Source> & { contacts: Source | null }> {
  const named = [inputs.officers, inputs.offenders, inputs.contacts].filter((path) => path === '-');
  if (named.length > 1) throw new UsageError('standard input (-) can stand for one file at most');
  const locate = async (kind: FileKind, given: string | undefined, required: boolean): Promise<Source | null> => {
    if (given !== undefined) return sourceFor(given);
    if (inputs.dir === undefined) {
      if (!required) return null;
      throw new UsageError(`no ${kind}.csv: name an export folder, or the file with --${kind}`);
    }
    const path = await fileInFolder(inputs.dir, kind);
    if (path === null && required) throw new InputError(`${join(inputs.dir, `${kind}.csv`)}: no such file`);
    return path === null ? null : sourceFor(path);
  };
  return {
    officers: (await locate('officers', inputs.officers, true))!,
    offenders: (await locate('offenders', inputs.offenders, true))!,
    contacts: await locate('contacts', inputs.contacts, false),
  };
}

/** How every file of an export is read: date order, aliases, encoding, delimiter. */
export function readSettings(options: ReadOptions): ReadSettings {
  return {
    dateOrder: options.config.date_order,
    aliases: options.config.columns,
    encoding: options.encoding,
    delimiter: options.delimiter,
  };
}

/** contacts.csv is read with the as-of date and the config's counting rules too. */
export function contactSettingsFor(options: ReadOptions): ContactSettings {
  return { ...readSettings(options), asOf: options.asOf, counting: options.config.contacts };
}

/**
 * Reads an export. Officers and offenders are read side by side; contacts come after, since a
 * contact is checked against the cases and folded straight into its case's history.
 */
export async function readExports(inputs: ExportInputs, options: ReadOptions): Promise<Exports> {
  const resolved = await resolveSources(inputs);
  const progress = await progressFor([resolved.officers, resolved.offenders, resolved.contacts], options.onProgress);
  const counted = (source: Source): Source => (progress === null ? source : { ...source, onRead: (bytes) => progress.add(bytes) });
  const sources = {
    officers: counted(resolved.officers),
    offenders: counted(resolved.offenders),
    contacts: resolved.contacts && counted(resolved.contacts),
  };
  const settings = readSettings(options);
  const issueLists: Record<FileKind, Issue[]> = { officers: [], offenders: [], contacts: [] };
  const contactSettings = contactSettingsFor(options);
  // A large contacts.csv starts reading on the other cores while offenders.csv reads here.
  const parallel = sources.contacts
    ? startContactsInParallel(sources.contacts, contactSettings, sources.offenders, options.threads ?? defaultThreads(), options.parallelMinBytes, progress)
    : null;
  try {
    const [officersRead, offendersRead] = await Promise.allSettled([
      readOfficers(sources.officers, settings, new IssueLog(sources.officers.label, issueLists.officers)),
      readOffenders(sources.offenders, { ...settings, asOf: options.asOf }, new IssueLog(sources.offenders.label, issueLists.offenders)),
    ]);
    // When both fail (an old export is windows-1252 throughout), name officers.csv's error
    // whichever read failed first, so the same input always gives the same message.
    if (officersRead.status === 'rejected') throw officersRead.reason;
    if (offendersRead.status === 'rejected') throw offendersRead.reason;
    const officers = officersRead.value;
    const offenders = offendersRead.value;
    requireRows(officers.input, 'officers');
    requireRows(offenders.input, 'cases');
    issueLists.offenders = mergeByLine(issueLists.offenders, matchOfficerCodes(offenders.cases, officers.officers, sources.offenders.label));
    options.onCasesRead?.({ officers: officers.officers, cases: offenders.cases });
    let contacts: ContactsRead | null = null;
    if (sources.contacts) {
      const log = new IssueLog(sources.contacts.label, issueLists.contacts);
      const { caseIndex } = offenders;
      contacts = (await parallel?.finish(log, caseIndex)) ?? (await readContacts(sources.contacts, contactSettings, log, caseIndex));
    }
    return {
      officers: officers.officers,
      cases: offenders.cases,
      contacts: contacts?.contacts ?? null,
      columns: { officers: officers.columns, offenders: offenders.columns, contacts: contacts?.columns ?? null },
      inputs: [officers.input, offenders.input, ...(contacts ? [contacts.input] : [])],
      // Grouped by file, each in line order, whichever file finished first.
      issues: [...issueLists.officers, ...issueLists.offenders, ...issueLists.contacts],
    };
  } finally {
    parallel?.stop();
    if (progress !== null) options.onProgress?.(null);
  }
}
