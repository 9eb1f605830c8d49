/** The command line: builds commander from the declared commands and options, and dispatches. */
import { Command, CommanderError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CaseloadError, EXIT, UsageError } from '../errors.js';
import { StreamOutput } from '../render/output.js';
import { plainText } from '../render/text.js';
import { collect, collectWhole, OPTION_GROUPS, type OptionSpec } from './options.js';
import type { RunContext } from './run.js';
import type { CommandSpec } from './commands/command.js';
import { casesCommand } from './commands/cases.js';
import { diffCommand } from './commands/diff.js';
import { dueCommand } from './commands/due.js';
import { explainCommand } from './commands/explain.js';
import { initCommand } from './commands/init.js';
import { notifyCommand } from './commands/notify.js';
import { officersCommand } from './commands/officers.js';
import { planCommand } from './commands/plan.js';
import { reportCommand } from './commands/report.js';
import { schemaCommand } from './commands/schema.js';
import { teamsCommand } from './commands/teams.js';
import { trendCommand } from './commands/trend.js';
import { validateCommand } from './commands/validate.js';

export const COMMANDS: readonly CommandSpec[] = [
  reportCommand,
  officersCommand,
  casesCommand,
  teamsCommand,
  validateCommand,
  diffCommand,
  dueCommand,
  trendCommand,
  planCommand,
  explainCommand,
  notifyCommand,
  initCommand,
  schemaCommand,
];

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

interface Dispatch {
  spec: CommandSpec;
  args: string[];
  raw: Record<string, unknown>;
}

function buildProgram(onRun: (dispatch: Dispatch) => void): Command {
  const program = new Command('caseload')
    .description('Caseload risk analyzer for probation services: who is lost, who is overdue, who is overloaded.')
    .version(version, '-V, --version')
    .option('--debug', 'show a stack trace with errors')
    .exitOverride()
    // One line on stderr (SPEC 3): commander's "(Did you mean …?)" joins the message, the help hint ends it.
    .configureOutput({
      outputError: (text, write) => write(`caseload: ${text.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ')} (caseload --help for usage)\n`),
    });

  for (const spec of COMMANDS) {
    const command = program
      .command(`${spec.name} ${spec.args}`, { isDefault: spec.isDefault ?? false })
      .description(spec.summary)
      .addHelpText('after', `\nExamples:\n${spec.examples.map((example) => `  $ ${example}`).join('\n')}`);
    for (const group of spec.groups) {
      for (const [key, declared] of Object.entries(OPTION_GROUPS[group])) {
        const optionSpec: OptionSpec = declared;
        const option = new Option(optionSpec.flags, optionSpec.description);
        if (optionSpec.list) option.argParser(optionSpec.whole ? collectWhole : collect);
        // --color and --no-color share one value, `color`.
        if (key === 'noColor') option.attributeName = () => 'color';
        command.addOption(option);
      }
    }
    command.action((...received: unknown[]) => {
      const commandObject = received.at(-1) as Command;
      onRun({ spec, args: commandObject.args, raw: { ...program.opts(), ...commandObject.opts() } });
    });
  }
  return program;
}

/** Runs the CLI; resolves to the exit code (set on process.exitCode, never process.exit). */
export async function main(argv: readonly string[]): Promise<number> {
  const stdout = new StreamOutput(process.stdout);
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    stdout.closed = true;
    // The reader went away (`| head`): stop writing and end quietly.
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    outputFailed('standard output', error);
  });
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    stderrBroken = true;
    outputFailed('standard error', error);
  });
  const debug = argv.includes('--debug');
  let dispatch: Dispatch | null = null;
  try {
    await checkCommandName(argv);
    await buildProgram((chosen) => (dispatch = chosen)).parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      const helpOrVersion = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
      return finish(helpOrVersion ? EXIT.ok : EXIT.usage);
    }
    return finish(reportError(error, debug));
  }
  if (dispatch === null) return finish(EXIT.ok);
  const { spec, args, raw } = dispatch as Dispatch;
  try {
    // Loaded only now that a command runs: --help and --version need none of it.
    const [{ parseOptions }, { formatOf, localToday }, { makeChalk }, { tableWidth }] = await Promise.all([
      import('./option-values.js'),
      import('./run.js'),
      import('./color.js'),
      import('../render/formats.js'),
    ]);
    const options = parseOptions(raw);
    // SPEC 3.1: a digest is a report, a list of cases or a diff.
    if (formatOf(options) === 'email' && !spec.groups.includes('email')) {
      throw new UsageError(`--format email: ${spec.name} has no digest; use report, cases or diff`);
    }
    const context: RunContext = {
      out: stdout,
      err: (line) => process.stderr.write(`${line}\n`),
      chalk: makeChalk(options.color),
      width: tableWidth(process.env.COLUMNS, process.stdout.isTTY ? process.stdout.columns : undefined),
      today: localToday,
      ...(debug ? { timing: stageTimer((line) => process.stderr.write(`${line}\n`)) } : {}),
      // One line, rewritten in place; only a person at a terminal sees it, never a log or a pipe.
      ...(process.stderr.isTTY
        ? { progress: (line: string | null) => process.stderr.write(line === null ? '\r\u001b[K' : `\rcaseload: ${line}\u001b[K`) }
        : {}),
    };
    const code = await spec.run(args, options, context);
    stdout.flush();
    return finish(code);
  } catch (error) {
    stdout.flush();
    return finish(reportError(error, debug));
  }
}

/**
 * `caseload reprot DIR`: report is the default command, so commander would read `reprot` as its
 * folder. A first word that is no command and no file, but near a command's name, is a typo.
 */
async function checkCommandName(argv: readonly string[]): Promise<void> {
  // argv is process.argv: node, the script, then the user's words.
  const first = argv.slice(2).find((arg) => arg !== '--debug');
  if (first === undefined || first.startsWith('-') || COMMANDS.some((spec) => spec.name === first) || first === 'help' || existsSync(first)) return;
  const { editDistance } = await import('../read/columns.js');
  const near = COMMANDS.map((spec) => spec.name).filter((name) => editDistance(first.toLowerCase(), name) <= 2);
  if (near.length > 0) throw new UsageError(`unknown command "${first}" (did you mean ${near.join(' or ')}?)`);
}

function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CaseloadError) {
    // Messages can quote the input (headers, values): no escape sequence or line break reaches the terminal.
    process.stderr.write(`caseload: ${plainText(error.message)}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`caseload: internal error: ${plainText(message)}${debug ? '' : ' (run with --debug for a trace)'}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT.internal;
}

/** `caseload: read 2.31 s (rss 410 MB)`: for --debug, each stage since the last. */
function stageTimer(write: (line: string) => void): (stage: string) => void {
  let last = performance.now();
  return (stage) => {
    const now = performance.now();
    write(`caseload: ${stage} ${((now - last) / 1000).toFixed(2)} s (rss ${Math.round(process.memoryUsage.rss() / 2 ** 20)} MB)`);
    last = now;
  };
}

/** Set once standard output or standard error could not be written. */
let outputFailure = false;
let stderrBroken = false;

/**
 * A write that failed (ENOSPC, EIO, a broken standard error): one line while standard error
 * still works, never a trace, and exit 74 in place of 0 or 1, since the output a cron job
 * relies on is incomplete. Errors arrive after the write, so finish consults the flag too.
 */
function outputFailed(stream: string, error: NodeJS.ErrnoException): void {
  if (outputFailure) return;
  outputFailure = true;
  if (!stderrBroken) process.stderr.write(`caseload: cannot write ${stream}: ${plainText(describeWriteError(error))}\n`);
  if (process.exitCode === undefined || process.exitCode === EXIT.ok || process.exitCode === EXIT.findings) process.exitCode = EXIT.output;
}

function describeWriteError(error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOSPC') return 'no space left on the device (ENOSPC)';
  if (error.code === 'EIO') return 'input/output error (EIO)';
  return error.code ?? error.message;
}

function finish(code: number): number {
  const final = outputFailure && (code === EXIT.ok || code === EXIT.findings) ? EXIT.output : code;
  process.exitCode = final;
  return final;
}
