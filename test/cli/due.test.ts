/** `caseload due` (SPEC 3.2): each officer's worklist, end to end on the built binary. */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeGoldens, runCli, runOnce, tempDir } from '../helpers/cli.js';
import { crnsOf, parseMail } from '../helpers/mail.js';

const AS_OF = ['--as-of', '2026-11-16'];
const EXPORT = 'fixtures/north-london';
/** An officer in post and a leaver: a worklist each, small enough to read in a golden. */
const TWO_OFFICERS = ['--officer', 'N07B298,N07F535'];

interface TaskJson {
  officer_id: string | null;
  officer_status: string | null;
  crn: string;
  risk: string | null;
  task: string;
  due: string | null;
  days_until: number | null;
  priority: number;
}
interface CaseJson {
  crn: string;
  status: string;
  reset: boolean;
  overdue: boolean;
  flags: string[];
  next_contact_due: string | null;
}

describeGoldens('due', [
  ['table', TWO_OFFICERS],
  ['json', TWO_OFFICERS],
  ['ndjson', TWO_OFFICERS],
  ['csv', TWO_OFFICERS],
  ['markdown', TWO_OFFICERS],
]);

describe('caseload due on the sample export', () => {
  let tasks: TaskJson[];
  let cases: Map<string, CaseJson>;

  beforeAll(() => {
    const due = runOnce(['due', EXPORT, ...AS_OF, '--json']);
    expect(due.exitCode).toBe(0);
    tasks = (JSON.parse(due.stdout) as { tasks: TaskJson[] }).tasks;
    const all = JSON.parse(runOnce(['cases', EXPORT, ...AS_OF, '--all', '--json']).stdout) as { cases: CaseJson[] };
    cases = new Map(all.cases.map((result) => [result.crn, result]));
  });

  it('orders by officer (none last), then days_until (no date first), then priority', () => {
    const key = (task: TaskJson) => [task.officer_id ?? '\uffff', task.days_until === null ? -Infinity : task.days_until, task.priority] as const;
    for (let at = 1; at < tasks.length; at++) {
      const [a, b] = [key(tasks[at - 1]!), key(tasks[at]!)];
      const order = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2];
      expect(order, `${tasks[at - 1]!.crn} before ${tasks[at]!.crn}`).toBeLessThanOrEqual(0);
    }
  });

  it('only active cases; no contact task for a case in reset; every overdue case has its contact task, past due', () => {
    expect(tasks.every((task) => cases.get(task.crn)!.status === 'active')).toBe(true);
    const contactTasks = tasks.filter((task) => task.task === 'contact' || task.task === 'first_contact');
    expect(contactTasks.some((task) => cases.get(task.crn)!.reset)).toBe(false);
    const overdue = [...cases.values()].filter((result) => result.overdue);
    expect(overdue.length).toBeGreaterThan(100);
    const withTask = new Set(contactTasks.filter((task) => task.days_until === null || task.days_until < 0).map((task) => task.crn));
    expect(overdue.filter((result) => !withTask.has(result.crn)).map((result) => result.crn)).toEqual([]);
  });

  it('a missing check is a task with no date, for every active case flagged for it', () => {
    const daMissing = [...cases.values()].filter((result) => result.status === 'active' && result.flags.includes('da_check_missing'));
    const daTasks = tasks.filter((task) => task.task === 'da_check');
    expect(daTasks.map((task) => task.crn).sort()).toEqual(daMissing.map((result) => result.crn).sort());
    expect(daTasks.every((task) => task.due === null && task.days_until === null)).toBe(true);
  });

  it('the sample export has cases in reset: the summary line says so', () => {
    const table = runOnce(['due', EXPORT, ...AS_OF, ...TWO_OFFICERS]);
    expect(table.stdout).toMatch(/^Reset +\d+ cases in Probation Reset have no contact task$/m);
  });

  it('--within widens the horizon: 0 keeps only what is due by today, or has no date', () => {
    const today = JSON.parse(runCli(['due', EXPORT, ...AS_OF, '--within', '0', '--json']).stdout) as { until: string; tasks: TaskJson[] };
    expect(today.until).toBe('2026-11-16');
    expect(today.tasks.every((task) => task.days_until === null || task.days_until <= 0)).toBe(true);
    const year = JSON.parse(runCli(['due', EXPORT, ...AS_OF, '--within', '365', '--json']).stdout) as { tasks: TaskJson[] };
    expect(year.tasks.length).toBeGreaterThan(tasks.length);
    expect(year.tasks.some((task) => task.task === 'ending' && task.days_until! > 300)).toBe(true);
  });

  it('--within outside 0-365 is a usage error (exit 2), one line', () => {
    for (const bad of ['-1', '366', 'soon', '1.5']) {
      const result = runCli(['due', EXPORT, ...AS_OF, '--within', bad]);
      expect(result.exitCode, bad).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n'), bad).toHaveLength(1);
    }
  });

  it('the filters of cases scope the tasks: --risk very_high', () => {
    const result = JSON.parse(runCli(['due', EXPORT, ...AS_OF, '--risk', 'very_high', '--json']).stdout) as { tasks: TaskJson[] };
    expect(result.tasks.length).toBeGreaterThan(0);
    expect(result.tasks.every((task) => task.risk === 'very_high')).toBe(true);
    expect(result.tasks.length).toBe(tasks.filter((task) => task.risk === 'very_high').length);
  });

  it('--format email: one message, the tasks attached as CSV, no names', async () => {
    const result = runCli(['due', EXPORT, ...AS_OF, ...TWO_OFFICERS, '--format', 'email', '--to', 'spo@probation.example']);
    expect(result.exitCode).toBe(0);
    const mail = await parseMail(result.stdout);
    const expected = tasks.filter((task) => task.officer_id === 'N07B298' || task.officer_id === 'N07F535');
    expect(mail.subject).toBe(`caseload 2026-11-16: ${expected.length} tasks due by 2026-11-23, ${expected.filter((task) => task.days_until !== null && task.days_until < 0).length} past due`);
    expect(mail.attachments[0]!.filename).toBe('due-tasks-2026-11-16.csv');
    expect(crnsOf(mail.attachments[0]!.content)).toEqual(expected.map((task) => task.crn));
    expect(mail.text).toContain('N07F535 (left)');
  });
});

describe('caseload due on a small export', () => {
  const officers = 'officer_id,name,status\nO1,Olga Officer,active\n';

  it('--quiet prints nothing when nothing falls due, and exits 0', () => {
    const { dir, cleanup } = tempDir({
      'officers.csv': officers,
      'offenders.csv': 'crn,officer_id,risk,last_contact,last_assessment\nC1,O1,low,2026-11-15,2026-11-01\n',
    });
    try {
      expect(runCli(['due', dir, ...AS_OF, '--quiet'])).toEqual({ stdout: '', stderr: '', exitCode: 0 });
      const table = runCli(['due', dir, ...AS_OF]);
      expect(table.stdout).toContain('Nothing falls due within 7 days.');
      // Seen yesterday, low risk (28 days): due 2026-12-13, 27 days on.
      const month = JSON.parse(runCli(['due', dir, ...AS_OF, '--within', '27', '--json']).stdout) as { tasks: TaskJson[] };
      expect(month.tasks.map((task) => [task.crn, task.task, task.due, task.days_until])).toEqual([['C1', 'contact', '2026-12-13', 27]]);
    } finally {
      cleanup();
    }
  });

  it('a case in reset (S tier) has no contact task; marked but MAPPA has, and says reset_exempt', () => {
    const { dir, cleanup } = tempDir({
      'officers.csv': officers,
      'offenders.csv': [
        'crn,officer_id,risk,tier,last_contact,mappa_level',
        'R1,O1,medium,C2S,2026-09-01,none',
        'R2,O1,medium,C2S,2026-09-01,M2',
      ].join('\n'),
    });
    try {
      const due = JSON.parse(runCli(['due', dir, ...AS_OF, '--json']).stdout) as { tasks: TaskJson[] };
      expect(due.tasks.map((task) => [task.crn, task.task, task.due])).toEqual([['R2', 'contact', '2026-09-15']]);
      const report = JSON.parse(runCli(['cases', dir, ...AS_OF, '--all', '--json']).stdout) as { summary: { reset: number }; cases: CaseJson[] };
      expect(report.summary.reset).toBe(1);
      expect(report.cases.find((result) => result.crn === 'R2')!.flags).toEqual(['not_seen', 'overdue', 'reset_exempt']);
      expect(report.cases.find((result) => result.crn === 'R1')!.flags).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it('an unreadable mappa_level keeps the contact standard (exempt), with invalid_data', () => {
    const { dir, cleanup } = tempDir({
      'officers.csv': officers,
      'offenders.csv': 'crn,officer_id,risk,reset,last_contact,mappa_level\nR1,O1,low,yes,2026-11-01,level four\n',
    });
    try {
      const result = runCli(['cases', dir, ...AS_OF, '--all', '--json']);
      const [only] = (JSON.parse(result.stdout) as { cases: CaseJson[] }).cases;
      expect(only!.reset).toBe(false);
      expect(only!.flags).toEqual(['invalid_data', 'reset_exempt']);
      expect(only!.next_contact_due).toBe('2026-11-29');
    } finally {
      cleanup();
    }
  });
});
