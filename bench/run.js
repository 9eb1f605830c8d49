#!/usr/bin/env node
/*
 * Benchmark of `caseload report DIR --as-of 2026-11-16 --format json` on synthetic exports.
 *
 *   npm run bench                                     london, national and national-trend, 5 runs each
 *                                                     (report, and `due` on london and national), and
 *                                                     national:html (the same as an HTML page)
 *   npm run bench -- --scales london,national --runs 5
 *   npm run bench -- --scales large                   1M cases, 10M contacts (~0.6 GB of disk)
 *   npm run bench -- --all                            london, national, large and london-quoted
 *   npm run bench -- --scales national --no-contacts10 --no-floor   the plan against the report only
 *
 * A target is a scale, optionally with a variant: `london-quoted` (every field quoted, CRLF).
 * national-trend is `caseload trend` over 8 weekly national exports (the last is national itself),
 * compared with one national report: the issue 11 limits are 5× its time and 1.5× its peak RSS.
 * A target may name another output format: `national:html` writes the report as an HTML page (to
 * a file, whose size is recorded: the page must stay under 10 MB and within 1.5x the JSON time).
 * When london is benchmarked, london-contacts10 (same cases, 10x the contacts) is run too, to
 * check that peak memory does not grow with the contact log (--no-contacts10 skips it).
 *
 * Each run is a fresh child process whose JSON goes straight to /dev/null (the bench never
 * buffers it). Wall time is measured around the child. Peak RSS is the child's own
 * getrusage ru_maxrss, read by GNU time (`/usr/bin/time -f %M`) when present, else by
 * bench/rss-hook.js loaded into the child with --import; the child's user+system CPU seconds are
 * read the same way, and are the steadier figure when other work shares the machine (the load
 * average is recorded with each target for that reason). The peer is bench/duckdb.js: DuckDB
 * running bench/duckdb.sql (the core of the job in SQL) over the same files and as-of date; the
 * ratio of caseload's median to DuckDB's is the headline figure. The floor is bench/floor.js
 * (bare csv-parse over offenders.csv and contacts.csv). Both are timed the same way, their runs
 * taking turns with caseload's (repeatTogether), so that a ratio compares runs minutes apart.
 *
 * Each target also times `caseload plan DIR --as-of 2026-11-16 --format json` the same way, the
 * reallocation plan (SPEC 2.3), which must stay within 1.2x of the report's time (--no-plan skips it).
 *
 * Writes bench/results.json and bench/RESULTS.md, rewritten after every target so an
 * interrupted run still leaves figures behind.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { AS_OF, CACHE_ROOT, REPO_ROOT, SCALES, VARIANTS, WEEKLY_EXPORTS, ensureExport, ensureWeeklyExports, exportName } from './generate.js';

const DEFAULT_SCALES = ['london', 'national', 'national:html', 'national-trend'];
const ALL_TARGETS = ['london', 'national', 'national:html', 'national-trend', 'large', 'london-quoted'];
/** Formats a target may name after a colon; json when it names none. */
const OUTPUT_FORMATS = ['json', 'html'];
/**
 * `SCALE-trend`: `caseload trend` over WEEKLY_EXPORTS weekly exports of the scale (the last the
 * scale's own export), against the limits of issue 11: within 5× one report's time, and under
 * 1.5× its peak memory.
 */
const TREND = 'trend';
const TREND_LIMITS = { time: 5, rss: 1.5 };
const DEFAULT_RUNS = 5;
const LARGE_RUNS = 3; // a large run takes long enough that three give a stable median
const CONTACTS10_MAX_RUNS = 3; // the contacts x10 check compares memory, which varies little
const DEFAULT_TIMEOUT_SECONDS = 900; // per CLI run; a run that hangs is killed and reported
const STDERR_TAIL_CHARS = 4000;

const CLI = join(REPO_ROOT, 'bin', 'caseload.js');
const FLOOR = join(REPO_ROOT, 'bench', 'floor.js');
const DUCKDB = join(REPO_ROOT, 'bench', 'duckdb.js');
const RSS_HOOK = join(REPO_ROOT, 'bench', 'rss-hook.js');
const GNU_TIME = '/usr/bin/time';
// Peak RSS in KB, then user and system CPU seconds: the same line bench/rss-hook.js writes.
const USAGE_FORMAT = '%M %U %S';
const RESULTS_JSON = join(REPO_ROOT, 'bench', 'results.json');
const RESULTS_MD = join(REPO_ROOT, 'bench', 'RESULTS.md');

// --- Arguments -----------------------------------------------------------------------------------

const USAGE = `usage: npm run bench -- [--scales london,national,national:html,national-trend,large,london-quoted] [--all] [--runs N]
                      [--timeout SECONDS] [--no-contacts10] [--no-floor] [--no-duckdb] [--no-due] [--no-plan] [--rss-method time|hook]`;

function parseArgs(argv) {
  const args = { targets: DEFAULT_SCALES, runs: null, timeout: DEFAULT_TIMEOUT_SECONDS, contacts10: true, floor: true, duckdb: true, due: true, plan: true, rssMethod: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value\n${USAGE}`);
      return argv[++i];
    };
    if (arg === '--scales' || arg === '--scale') args.targets = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (arg === '--all') args.targets = ALL_TARGETS;
    else if (arg === '--runs') args.runs = positiveInt(arg, value());
    else if (arg === '--timeout') args.timeout = positiveInt(arg, value());
    else if (arg === '--no-contacts10') args.contacts10 = false;
    else if (arg === '--no-floor') args.floor = false;
    else if (arg === '--no-duckdb') args.duckdb = false;
    else if (arg === '--no-due') args.due = false;
    else if (arg === '--no-plan') args.plan = false;
    else if (arg === '--rss-method') args.rssMethod = value();
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  for (const target of args.targets) parseTarget(target); // fail before any work is done
  return args;
}

function positiveInt(name, text) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} expects a positive integer, got ${text}`);
  return n;
}

/** 'london-quoted' -> { scale: 'london', variant: 'quoted', format: 'json' }; 'national:html' -> format html. */
function parseTarget(target) {
  const [data, format = 'json', ...extra] = target.split(':');
  const [scale, variant = null, ...rest] = data.split('-');
  if (!SCALES[scale] || rest.length > 0 || extra.length > 0 || (variant !== null && variant !== TREND && !VARIANTS[variant]) || !OUTPUT_FORMATS.includes(format)) {
    throw new Error(`unknown target ${target}: expected a scale (${Object.keys(SCALES).join(', ')}) optionally followed by -${[...Object.keys(VARIANTS), TREND].join(' or -')} and :${OUTPUT_FORMATS.join(' or :')}`);
  }
  return { scale, variant, format };
}

const runsFor = (args, scale) => args.runs ?? (scale === 'large' ? LARGE_RUNS : DEFAULT_RUNS);

// --- Measuring one child process -----------------------------------------------------------------

/** GNU time, if /usr/bin/time is it: BusyBox and BSD time lack `-f %M` and `-o`. */
function gnuTimeWorks() {
  if (!existsSync(GNU_TIME)) return false;
  const probe = spawnSync(GNU_TIME, ['-f', USAGE_FORMAT, process.execPath, '-e', ''], { encoding: 'utf8' });
  return probe.status === 0 && /^\d+ [\d.]+ [\d.]+$/.test(probe.stderr.trim().split('\n').pop() ?? '');
}

function chooseRssMethod(requested) {
  if (requested === 'hook') return 'hook';
  if (requested === 'time' || requested === null) {
    if (gnuTimeWorks()) return 'time';
    if (requested === 'time') throw new Error(`${GNU_TIME} is missing or is not GNU time`);
    return 'hook';
  }
  throw new Error(`--rss-method expects time or hook, got ${requested}`);
}

/** The command that runs `node ...nodeArgs` and leaves the child's peak RSS (KB) in rssFile. */
function measuredCommand(method, nodeArgs, rssFile) {
  if (method === 'time') {
    return { command: GNU_TIME, args: ['-f', USAGE_FORMAT, '-o', rssFile, process.execPath, ...nodeArgs], env: process.env };
  }
  return {
    command: process.execPath,
    args: ['--import', pathToFileURL(RSS_HOOK).href, ...nodeArgs],
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
  };
}

/**
 * Reads "peakKB userSeconds systemSeconds". GNU time writes "Command exited with non-zero
 * status N" before it, so take the last line.
 */
function readUsage(usageFile) {
  try {
    const lines = readFileSync(usageFile, 'utf8').trim().split('\n');
    const [kb, user, system] = lines[lines.length - 1].trim().split(/\s+/).map(Number);
    return {
      peakKb: Number.isFinite(kb) && kb > 0 ? kb : null,
      cpuSeconds: Number.isFinite(user) && Number.isFinite(system) ? user + system : null,
    };
  } catch {
    return { peakKb: null, cpuSeconds: null };
  }
}

/**
 * Runs node with nodeArgs once. stdout goes to /dev/null (or is captured, for the small floor
 * report); stderr's tail is kept for error reports. Resolves with wall seconds, peak RSS KB,
 * exit status, and what went wrong if anything did.
 */
function measureOnce(method, nodeArgs, { timeoutSeconds, captureStdout = false, measureOutput = false }) {
  const scratch = mkdtempSync(join(tmpdir(), 'caseload-bench-'));
  const rssFile = join(scratch, 'rss');
  // The output goes to /dev/null, or to a scratch file when its size is wanted (an HTML page).
  const outputFile = join(scratch, 'output');
  const devNull = openSync(measureOutput ? outputFile : '/dev/null', 'w');
  const { command, args, env } = measuredCommand(method, nodeArgs, rssFile);
  return new Promise((resolve) => {
    const started = performance.now();
    // cwd is the cache root so that no caseload.config.json in the repo changes the results;
    // detached gives the child its own process group, so a timeout kills time and node together.
    const child = spawn(command, args, {
      cwd: CACHE_ROOT, env, detached: true, stdio: ['ignore', captureStdout ? 'pipe' : devNull, 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutSeconds * 1000);
    child.on('close', (code, signal) => {
      const wallSeconds = (performance.now() - started) / 1000;
      clearTimeout(timer);
      closeSync(devNull);
      const { peakKb, cpuSeconds } = readUsage(rssFile);
      const outputBytes = measureOutput ? statSync(outputFile).size : null;
      rmSync(scratch, { recursive: true, force: true });
      resolve({ wallSeconds, peakKb, cpuSeconds, outputBytes, code, signal, timedOut, stdout, stderr: stderr.trim() });
    });
  });
}

function runFailure(result, timeoutSeconds) {
  if (result.timedOut) return `killed after the ${timeoutSeconds} s timeout`;
  if (result.signal) return `killed by ${result.signal}`;
  if (result.code !== 0) return `exit status ${result.code}`;
  return null;
}

// --- Statistics ----------------------------------------------------------------------------------

function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (value, places) => (value === null || value === undefined ? null : Number(value.toFixed(places)));
const kbToMb = (kb) => (kb === null ? null : kb / 1024);

// --- One target ----------------------------------------------------------------------------------

/** Runs `times` measured runs, stopping at the first failure (a failing CLI fails every time). */
/** One timed run of a command: its record for results.json, and whether it failed. */
async function runOnce(method, nodeArgs, options, label, n, times) {
  const result = await measureOnce(method, nodeArgs, options);
  const failure = runFailure(result, options.timeoutSeconds);
  const peak = kbToMb(result.peakKb);
  const cpu = result.cpuSeconds === null ? '?' : result.cpuSeconds.toFixed(2);
  console.error(`  ${label} run ${n}/${times}: ${result.wallSeconds.toFixed(2)} s (cpu ${cpu} s), peak RSS ${peak === null ? '?' : peak.toFixed(0)} MB${failure ? `, FAILED: ${failure}` : ''}`);
  if (failure && result.stderr) console.error(`    stderr: ${result.stderr.split('\n').slice(-10).join('\n    ')}`);
  return {
    failed: Boolean(failure),
    run: {
      wall_s: round(result.wallSeconds, 3), cpu_s: round(result.cpuSeconds, 2), peak_rss_mb: round(peak, 1), exit_code: result.code, signal: result.signal,
      ...(failure ? { error: failure, stderr: result.stderr } : {}), ...(options.captureStdout ? { stdout: result.stdout.trim() } : {}),
      ...(result.outputBytes === null || result.outputBytes === undefined ? {} : { output_mb: round(result.outputBytes / 1e6, 2) }),
    },
  };
}

/**
 * Runs the commands in turn, `times` rounds: caseload's run n and DuckDB's run n (and the
 * floor's, due's, plan's) are minutes apart at most, so their ratios hold while the VM's speed
 * drifts. A command that fails is not run again. Returns each command's runs, by key.
 */
async function repeatTogether(method, commands, times) {
  const runs = Object.fromEntries(commands.map(({ key }) => [key, []]));
  const failed = new Set();
  for (let n = 1; n <= times; n++) {
    for (const { key, nodeArgs, options, label } of commands) {
      if (failed.has(key)) continue;
      const { failed: failure, run } = await runOnce(method, nodeArgs, options, label, n, times);
      runs[key].push(run);
      if (failure) failed.add(key);
    }
  }
  return runs;
}

function summariseRuns(runs) {
  const ok = runs.filter((run) => !run.error);
  const walls = ok.map((run) => run.wall_s);
  const peaks = ok.map((run) => run.peak_rss_mb).filter((mb) => mb !== null);
  const cpus = ok.map((run) => run.cpu_s).filter((s) => s !== null);
  return {
    ok: ok.length, median_s: round(median(walls), 3), min_s: walls.length ? Math.min(...walls) : null,
    median_cpu_s: round(median(cpus), 2), peak_rss_mb: round(median(peaks), 1),
  };
}

async function benchTarget(target, args, method) {
  const { scale, variant, format } = parseTarget(target);
  const name = format === 'json' ? exportName(scale, variant) : `${exportName(scale, variant)}:${format}`;
  const runs = variant === 'contacts10' ? Math.min(runsFor(args, scale), CONTACTS10_MAX_RUNS) : runsFor(args, scale);
  console.error(`\n== ${name}`);
  const log = (message) => console.error(`  ${message}`);
  const data = variant === TREND ? weeklyData(scale, log) : ensureExport(scale, variant, { log });
  if (data.generatedSeconds !== null) console.error(`  generated in ${data.generatedSeconds.toFixed(1)} s`);
  const totalRows = data.rows.officers + data.rows.offenders + data.rows.contacts;
  const totalBytes = data.bytes.officers + data.bytes.offenders + data.bytes.contacts;
  const loadBefore = round(loadavg()[0], 2);

  const cliArgs = variant === TREND ? [CLI, 'trend', data.dir, '--format', format] : [CLI, 'report', data.dir, '--as-of', AS_OF, '--format', format];
  const options = { timeoutSeconds: args.timeout };
  // Another format reads and analyses the same export: its due, plan and floor are the json target's.
  const sideRuns = variant === null && format === 'json';
  const peers = variant !== TREND && format === 'json';
  const commands = [
    { key: 'cli', nodeArgs: cliArgs, options: { ...options, measureOutput: format !== 'json' }, label: 'caseload' },
    // The `due` scenario: the worklist of the same export, against report's time (goal: ≤ 1.2×).
    ...(args.due && sideRuns ? [{ key: 'due', nodeArgs: [CLI, 'due', data.dir, '--as-of', AS_OF, '--format', 'json'], options, label: 'caseload due' }] : []),
    // The reallocation plan reads and analyses as the report does, then plans: compared with it.
    ...(args.plan && sideRuns ? [{ key: 'plan', nodeArgs: [CLI, 'plan', data.dir, '--as-of', AS_OF, '--format', 'json'], options, label: 'caseload plan' }] : []),
    ...(args.floor && peers ? [{ key: 'floor', nodeArgs: [FLOOR, join(data.dir, 'offenders.csv'), join(data.dir, 'contacts.csv')], options: { ...options, captureStdout: true }, label: 'floor' }] : []),
    // The peer answers the same question of the same files; its ratio is the headline figure.
    ...(args.duckdb && peers ? [{ key: 'duckdb', nodeArgs: [DUCKDB, data.dir, AS_OF], options: { ...options, captureStdout: true }, label: 'duckdb' }] : []),
  ];
  const measured = await repeatTogether(method, commands, runs);
  const cliRuns = measured.cli;
  const cli = summariseRuns(cliRuns);
  const outputMb = cliRuns.find((run) => run.output_mb !== undefined)?.output_mb ?? null;
  const due = measured.due ? { ...summariseRuns(measured.due), runs: measured.due } : null;
  const plan = measured.plan ? { ...summariseRuns(measured.plan), runs: measured.plan } : null;
  let floor = null;
  if (measured.floor) {
    const floorRuns = measured.floor;
    const parsed = floorRuns.filter((run) => !run.error).map((run) => JSON.parse(run.stdout));
    floor = { ...summariseRuns(floorRuns), median_parse_s: round(median(parsed.map((p) => p.parse_seconds)), 3), records: parsed[0]?.records ?? null, runs: floorRuns.map(({ stdout, ...rest }) => rest) };
  }
  let duckdb = null;
  if (measured.duckdb) {
    const peerRuns = measured.duckdb;
    const counted = peerRuns.find((run) => !run.error)?.stdout;
    duckdb = { ...summariseRuns(peerRuns), counted: counted ? JSON.parse(counted) : null, runs: peerRuns.map(({ stdout, ...rest }) => rest) };
  }

  return {
    target: name, scale, variant, format, output_mb: outputMb, dir: data.dir, rows: data.rows, total_rows: totalRows, total_mb: round(totalBytes / 1e6, 1),
    generated_s: round(data.generatedSeconds, 2), load_avg_1m: { before: loadBefore, after: round(loadavg()[0], 2) }, runs_requested: runs, runs: cliRuns, ...cli,
    rows_per_s: cli.median_s ? Math.round(totalRows / cli.median_s) : null,
    duckdb, ratio_to_duckdb: cli.median_s && duckdb?.median_s ? round(cli.median_s / duckdb.median_s, 2) : null,
    cpu_ratio_to_duckdb: cli.median_cpu_s && duckdb?.median_cpu_s ? round(cli.median_cpu_s / duckdb.median_cpu_s, 2) : null,
    due, due_ratio_to_report: cli.median_s && due?.median_s ? round(due.median_s / cli.median_s, 2) : null,
    plan, plan_ratio_to_report: cli.median_s && plan?.median_s ? round(plan.median_s / cli.median_s, 2) : null,
    plan_cpu_ratio_to_report: cli.median_cpu_s && plan?.median_cpu_s ? round(plan.median_cpu_s / cli.median_cpu_s, 2) : null,
    floor, ratio_to_floor: cli.median_s && floor?.median_s ? round(cli.median_s / floor.median_s, 2) : null,
    // CPU seconds are steadier than wall seconds when other work shares the machine.
    cpu_ratio_to_floor: cli.median_cpu_s && floor?.median_cpu_s ? round(cli.median_cpu_s / floor.median_cpu_s, 2) : null,
  };
}

/** The weekly series, shaped as ensureExport's answer: rows and bytes summed over the weeks. */
function weeklyData(scale, log) {
  const { dir, weeks } = ensureWeeklyExports(scale, { log });
  const sum = (pick) => {
    const total = { officers: 0, offenders: 0, contacts: 0 };
    for (const week of weeks) for (const file of Object.keys(total)) total[file] += pick(week)[file];
    return total;
  };
  const generated = weeks.map((week) => week.generatedSeconds).filter((seconds) => seconds !== null);
  return { dir, rows: sum((week) => week.rows), bytes: sum((week) => week.bytes), generatedSeconds: generated.length ? generated.reduce((a, b) => a + b, 0) : null };
}

/** Each trend target against one report of its scale: time and peak memory ratios, and the limits. */
function trendChecks(results) {
  return results
    .filter((r) => r.variant === TREND)
    .map((r) => {
      const report = results.find((other) => other.scale === r.scale && other.variant === null);
      if (!report?.median_s || !r.median_s) return null;
      const time = round(r.median_s / report.median_s, 2);
      const cpu = report.median_cpu_s && r.median_cpu_s ? round(r.median_cpu_s / report.median_cpu_s, 2) : null;
      const rss = report.peak_rss_mb && r.peak_rss_mb ? round(r.peak_rss_mb / report.peak_rss_mb, 2) : null;
      return { target: r.target, report: report.target, exports: WEEKLY_EXPORTS, time_ratio: time, cpu_ratio: cpu, rss_ratio: rss, limits: TREND_LIMITS };
    })
    .filter((check) => check !== null);
}

function trendCheckText(check) {
  const verdict = (ratio, limit) => (ratio === null ? '?' : ratio <= limit ? 'within' : 'OVER');
  return `${check.target} (${check.exports} weekly exports) against one ${check.report} report: wall ×${fmt(check.time_ratio)} ` +
    `(${verdict(check.time_ratio, check.limits.time)} ×${check.limits.time}; cpu ×${fmt(check.cpu_ratio)}), ` +
    `peak RSS ×${fmt(check.rss_ratio)} (${verdict(check.rss_ratio, check.limits.rss)} ×${check.limits.rss})`;
}

// --- Reporting -----------------------------------------------------------------------------------

function machine(method) {
  const cpuList = cpus();
  const git = (gitArgs) => spawnSync('git', gitArgs, { cwd: REPO_ROOT, encoding: 'utf8' }).stdout?.trim() || null;
  const csvParseVersion = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', 'csv-parse', 'package.json'), 'utf8')).version;
  return {
    node: process.version, cpu: cpuList[0]?.model ?? 'unknown', cores: cpuList.length,
    memory_gb: round(totalmem() / 2 ** 30, 1), os: `${process.platform} ${release()}`, csv_parse: csvParseVersion,
    commit: git(['rev-parse', '--short', 'HEAD']), worktree_dirty: Boolean(git(['status', '--porcelain', '--', 'src'])),
    rss_method: method === 'time' ? 'GNU time %M (child ru_maxrss)' : 'bench/rss-hook.js (child process.resourceUsage().maxRSS at exit)',
  };
}

const fmt = (value, places = 2) => (value === null || value === undefined ? '—' : Number(value).toFixed(places));
const thousands = (value) => (value === null || value === undefined ? '—' : Math.round(value).toLocaleString('en-GB'));

const TABLE_COLUMNS = [
  ['export', (r) => r.target],
  ['rows', (r) => thousands(r.total_rows)],
  ['MB', (r) => fmt(r.total_mb, 1)],
  ['runs ok', (r) => `${r.ok}/${r.runs_requested}`],
  ['median s', (r) => fmt(r.median_s)],
  ['× duckdb', (r) => fmt(r.ratio_to_duckdb, 2)],
  ['duckdb s', (r) => fmt(r.duckdb?.median_s)],
  ['duckdb RSS MB', (r) => fmt(r.duckdb?.peak_rss_mb, 0)],
  ['× duckdb cpu', (r) => fmt(r.cpu_ratio_to_duckdb, 2)],
  ['min s', (r) => fmt(r.min_s)],
  ['cpu s', (r) => fmt(r.median_cpu_s)],
  ['rows/s', (r) => thousands(r.rows_per_s)],
  ['peak RSS MB', (r) => fmt(r.peak_rss_mb, 0)],
  ['floor s', (r) => fmt(r.floor?.median_s)],
  ['× floor', (r) => fmt(r.ratio_to_floor, 1)],
  ['floor cpu s', (r) => fmt(r.floor?.median_cpu_s)],
  ['× floor cpu', (r) => fmt(r.cpu_ratio_to_floor, 1)],
  ['due s', (r) => fmt(r.due?.median_s)],
  ['due × report', (r) => fmt(r.due_ratio_to_report)],
  ['plan s', (r) => fmt(r.plan?.median_s)],
  ['plan × report', (r) => fmt(r.plan_ratio_to_report)],
  ['plan cpu × report', (r) => fmt(r.plan_cpu_ratio_to_report)],
];

function markdownTable(results) {
  const header = `| ${TABLE_COLUMNS.map(([title]) => title).join(' | ')} |`;
  const rule = `|${TABLE_COLUMNS.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`;
  const rows = results.map((r) => `| ${TABLE_COLUMNS.map(([, cell]) => cell(r)).join(' | ')} |`);
  return [header, rule, ...rows].join('\n');
}

function textTable(results) {
  const cells = [TABLE_COLUMNS.map(([title]) => title), ...results.map((r) => TABLE_COLUMNS.map(([, cell]) => cell(r)))];
  const widths = TABLE_COLUMNS.map((_, c) => Math.max(...cells.map((row) => row[c].length)));
  return cells.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

/** `national: caseload 3.51 s, DuckDB 1.31 s: ×2.68` — the headline figure, one line per export. */
function headlines(results) {
  return results
    .filter((r) => r.ratio_to_duckdb !== null && r.ratio_to_duckdb !== undefined)
    .map((r) => `${r.target}: caseload ${fmt(r.median_s)} s, DuckDB ${fmt(r.duckdb.median_s)} s: ×${fmt(r.ratio_to_duckdb)} DuckDB's time`);
}

function contactsCheck(results) {
  const base = results.find((r) => r.target === 'london');
  const tenfold = results.find((r) => r.target === 'london-contacts10');
  if (!base?.peak_rss_mb || !tenfold?.peak_rss_mb) return null;
  return {
    london_peak_rss_mb: base.peak_rss_mb, contacts10_peak_rss_mb: tenfold.peak_rss_mb,
    rss_ratio: round(tenfold.peak_rss_mb / base.peak_rss_mb, 2),
    london_median_s: base.median_s, contacts10_median_s: tenfold.median_s,
    time_ratio: base.median_s && tenfold.median_s ? round(tenfold.median_s / base.median_s, 2) : null,
  };
}

function contactsCheckText(check) {
  if (!check) return null;
  return `contacts ×10 (london: ${thousands(400_000)} → london-contacts10: ${thousands(4_000_000)} contacts, same cases): ` +
    `peak RSS ${fmt(check.london_peak_rss_mb, 0)} MB → ${fmt(check.contacts10_peak_rss_mb, 0)} MB (×${fmt(check.rss_ratio)}), ` +
    `median ${fmt(check.london_median_s)} s → ${fmt(check.contacts10_median_s)} s (×${fmt(check.time_ratio)})`;
}

/** Each format target beside the json run of the same export: time ratio and output size. */
function formatChecks(results) {
  return results.filter((r) => r.format && r.format !== 'json').map((r) => {
    const json = results.find((other) => other.target === r.target.split(':')[0]);
    const ratio = json?.median_s && r.median_s ? round(r.median_s / json.median_s, 2) : null;
    const cpuRatio = json?.median_cpu_s && r.median_cpu_s ? round(r.median_cpu_s / json.median_cpu_s, 2) : null;
    return `${r.target}: median ${fmt(r.median_s)} s (cpu ${fmt(r.median_cpu_s)} s) against ${json ? `${fmt(json.median_s)} s (cpu ${fmt(json.median_cpu_s)} s) for json` : 'no json run'}` +
      ` (×${fmt(ratio)}, cpu ×${fmt(cpuRatio)}); output ${fmt(r.output_mb)} MB`;
  });
}

function failuresText(results) {
  return results.filter((r) => r.runs.some((run) => run.error)).map((r) => {
    const failed = r.runs.find((run) => run.error);
    return `${r.target}: ${failed.error} after ${fmt(failed.wall_s)} s (peak RSS ${fmt(failed.peak_rss_mb, 0)} MB)${failed.stderr ? `\n\n    ${failed.stderr.split('\n').slice(-8).join('\n    ')}` : ''}`;
  });
}

/**
 * Wall times mean little when other work competes for the cores: say so. caseload keeps every
 * core busy itself, so a load up to the core count is its own.
 */
function loadNote(results, cores) {
  const loads = results.flatMap((r) => [r.load_avg_1m.before, r.load_avg_1m.after]);
  const worst = Math.max(...loads);
  const range = `1-minute load average ${Math.min(...loads).toFixed(1)}–${worst.toFixed(1)} on ${cores} cores`;
  return worst > cores + 0.5
    ? `${range}: other processes competed for the CPU, so wall times are inflated; cpu s is the steadier figure.`
    : `${range} (caseload's own threads; nothing else ran).`;
}

export function writeReports(results, info) {
  const check = contactsCheck(results);
  const trend = trendChecks(results);
  writeFileSync(RESULTS_JSON, `${JSON.stringify({ as_of: AS_OF, measured_at: info.measuredAt, machine: info.machine, results, contacts10_check: check, trend_checks: trend }, null, 2)}\n`);
  const m = info.machine;
  const generated = results.filter((r) => r.generated_s !== null).map((r) => `${r.target} ${fmt(r.generated_s, 1)} s`);
  const lines = [
    '# caseload benchmark results',
    '',
    `\`caseload report DIR --as-of ${AS_OF} --format json > /dev/null\` on synthetic exports from`,
    '`bench/generate.js`; written by `npm run bench` (bench/run.js). Median and min are wall seconds',
    'of the whole child process, node start-up included; rows/s is the rows of the three files over',
    'the median; peak RSS is the median of the runs\' peaks. × duckdb, the headline figure, is',
    'caseload\'s median over that of DuckDB running bench/duckdb.sql (the core of the job in SQL:',
    'last attended contact per case, days since, overdue, caseload per officer, written as JSON)',
    'over the same files; floor is bare csv-parse reading offenders.csv and contacts.csv in one',
    'process (bench/floor.js). Both are timed the same way, each run taking turns with caseload\'s',
    '(run 1 of each, then run 2 of each…); cpu s is the child\'s user+system CPU',
    'seconds (median), steadier than wall time on a shared machine.',
    '',
    ...headlines(results).map((line) => `- ${line}`),
    `A \`-trend\` row is \`caseload trend DIR --format json\` over ${WEEKLY_EXPORTS} weekly exports of the scale (no floor, no DuckDB).`,
    '',
    markdownTable(results),
    '',
    ...(check ? [contactsCheckText(check), ''] : []),
    ...(formatChecks(results).length ? [...formatChecks(results), ''] : []),
    ...trend.flatMap((entry) => [trendCheckText(entry), '']),
    ...(failuresText(results).length ? ['Failures:', '', ...failuresText(results).map((f) => `- ${f}`), ''] : []),
    ...(generated.length ? [`Generated this run: ${generated.join(', ')}.`, ''] : []),
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memory_gb} GB; ${m.os}; node ${m.node}; csv-parse ${m.csv_parse}.`,
    `Code: commit ${m.commit}${m.worktree_dirty ? ' with uncommitted changes in src/' : ''}. Peak RSS by ${m.rss_method}.`,
    `Measured ${info.measuredAt}. ${loadNote(results, m.cores)}`,
    '',
  ];
  writeFileSync(RESULTS_MD, lines.join('\n'));
}

// --- Main ----------------------------------------------------------------------------------------

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(join(REPO_ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm run bench does)');
  const method = chooseRssMethod(args.rssMethod);
  const targets = [...args.targets];
  if (args.contacts10 && targets.includes('london') && !targets.includes('london-contacts10')) {
    targets.splice(targets.indexOf('london') + 1, 0, 'london-contacts10');
  }
  if (targets.some((t) => t.startsWith('large'))) console.error('note: the large export needs about 0.6 GB of disk under .bench-cache/ and takes a while');

  const info = { machine: machine(method), measuredAt: new Date().toISOString() };
  const results = [];
  for (const target of targets) {
    results.push(await benchTarget(target, args, method));
    writeReports(results, info);
  }

  console.log(`\n${headlines(results).join('\n')}\n\n${textTable(results)}`);
  const check = contactsCheckText(contactsCheck(results));
  if (check) console.log(`\n${check}`);
  for (const line of formatChecks(results)) console.log(`\n${line}`);
  for (const entry of trendChecks(results)) console.log(`\n${trendCheckText(entry)}`);
  for (const failure of failuresText(results)) console.log(`\nFAILED ${failure}`);
  console.log(`\npeak RSS by ${info.machine.rss_method}; ${info.machine.cpu}, ${info.machine.cores} cores, node ${info.machine.node}`);
  console.log(loadNote(results, info.machine.cores));
  console.log(`wrote ${RESULTS_JSON} and ${RESULTS_MD}`);
  if (results.some((r) => r.ok < r.runs_requested)) process.exitCode = 1;
}

// Importable (to re-render results.json into RESULTS.md) without running the benchmark.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error.message);
    process.exitCode = 2;
  });
}
