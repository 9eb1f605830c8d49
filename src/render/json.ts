/** `--format json`: the SPEC's one object, its arrays streamed a record per line. */
import { summariseTasks } from '../analyse/due.js';
import type { View } from './view.js';
import type { Output } from './output.js';
import { JSON_LINES } from './lines.js';
import { shareViewLines, writeLines, type LineOptions, type SharedLines } from './parallel-lines.js';

/** The JSON object a view stands for: the whole report shape, or for validate the data side only. */
export function jsonDocument(view: View): Record<string, unknown> {
  const { report } = view;
  const head = {
    schema_version: report.schema_version,
    as_of: report.as_of,
    config: report.config,
    inputs: report.inputs,
    checks_skipped: report.checks_skipped,
  };
  if (view.kind === 'validate') return { ...head, issues: view.issues };
  if (view.kind === 'plan' && view.plan !== null) {
    const { plan } = view;
    return { ...head, summary: plan.summary, moves: plan.moves, unplaced: plan.unplaced, receivers: plan.receivers, issues: view.issues };
  }
  if (view.diff !== null) {
    const { diff } = view;
    const cases = view.limit === null ? diff.cases : diff.cases.slice(0, view.limit);
    const unchanged = view.limit === null ? diff.unchanged : diff.unchanged.slice(0, view.limit);
    return { ...head, previous_as_of: diff.previous_as_of, summary: diff.summary, cases, unchanged, officers: diff.officers, issues: view.issues };
  }
  if (view.due !== null) {
    const { tasks, within, until } = view.due;
    return { ...head, within, until, summary: summariseTasks(tasks), tasks: view.limit === null ? tasks : tasks.slice(0, view.limit), issues: view.issues };
  }
  return {
    ...head,
    summary: report.summary,
    officers: view.officers,
    managers: view.managers,
    teams: view.teams,
    pdus: view.pdus,
    peer_groups: report.peer_groups,
    cases: view.cases,
    issues: view.issues,
  };
}

const indent = (json: string, by: string): string => json.replace(/\n/g, `\n${by}`);

/**
 * Writes the document as JSON: the top level pretty-printed, and each element of a top-level
 * array (a case, an officer, an issue) compact on a line of its own, so a national report is
 * written in one pass and stays easy to grep, diff and page through. The lines of the array
 * `shared` is of are written on two threads; without it, everything is written before it returns.
 */
export async function writeJson(document: Record<string, unknown>, out: Output, shared: SharedLines | null = null): Promise<void> {
  // As JSON.stringify: an undefined (or function) value leaves its key out; in an array it is null.
  const entries = Object.entries(document).filter(([, value]) => value !== undefined && typeof value !== 'function');
  if (entries.length === 0) {
    out.write('{}\n'); // as JSON.stringify writes an empty object
    return;
  }
  out.write('{\n');
  for (const [at, [key, value]] of entries.entries()) {
    out.write(`  ${JSON.stringify(key)}: `);
    if (Array.isArray(value) && value.length > 0) {
      out.write('[\n');
      if (shared?.rows === value) await shared.write(out);
      else writeLines(value, 0, value.length, out, JSON_LINES);
      out.write('  ]');
    } else {
      out.write(indent(JSON.stringify(value, null, 2), '  '));
    }
    out.write(at < entries.length - 1 ? ',\n' : '\n');
  }
  out.write('}\n');
}

/** The view as JSON; a long list of cases (or of a worklist's tasks) is written on two threads when `lines` allows. */
export async function renderJson(view: View, out: Output, lines: LineOptions = { threads: 1 }): Promise<void> {
  const document = jsonDocument(view);
  const shared = shareViewLines(view, document.cases ?? document.tasks, JSON_LINES, lines);
  try {
    await writeJson(document, out, shared);
  } finally {
    shared?.stop();
  }
}
