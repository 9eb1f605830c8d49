/**
 * `--format html` in process: the figures each view draws (hand-worked), and the page's safety:
 * every value escaped, the policy's hash matching the style sheet, long lists cut at 500 with
 * where the rest are. The page in a real browser: test/browser/html.test.ts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { GroupResult } from '../../src/analyse/report.js';
import { HTML_LIST_ROWS, htmlPage } from '../../src/render/html.js';
import { chartSvg } from '../../src/render/html/charts.js';
import { figuresFor, type Figure } from '../../src/render/html/figures.js';
import { STYLE } from '../../src/render/html/style.js';
import { displayText, type Column } from '../../src/render/columns.js';
import { caseResult, officerResult, report, view } from './builders.js';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

const group = (name: string | null, cases: number, lost: number, overdue: number): GroupResult => ({
  name,
  officers_in_post: 1,
  absent: 0,
  left: 0,
  cases,
  lost,
  overdue,
  average_caseload: cases,
  capacity_pct: null,
  available_capacity_pct: null,
});

/** A figure's table as the text a person reads, a row per line. */
const tableText = (figure: Figure): string[][] =>
  figure.table.rows.map((row) => (figure.table.columns as readonly Column<unknown>[]).map((column) => displayText(column, row)));

const figure = (figures: Figure[], id: string): Figure => figures.find((entry) => entry.id === id)!;

describe('html figures', () => {
  it('lost cases by reason: a case lost for two reasons counts under both; warnings are not reasons', () => {
    const cases = [
      caseResult({ crn: 'X1', flags: ['not_seen'] }),
      caseResult({ crn: 'X2', flags: ['officer_left', 'not_seen'] }),
      caseResult({ crn: 'X3', flags: ['overdue'] }),
    ];
    const lost = figure(figuresFor(view('cases', report({ cases }))), 'lost');
    expect(tableText(lost)).toEqual([
      ['not_seen', '2'],
      ['officer_left', '1'],
    ]);
    expect(lost.caption).toMatch(/^2 lost cases/);
    expect(lost.spec).toMatchObject({ data: { values: [{ reason: 'officer_left', cases: 1 }, { reason: 'not_seen', cases: 2 }] } });
  });

  it("capacity: one point per officer with a capacity; exactly 100% is not over; the rest are named in the caption", () => {
    const officers = [
      officerResult({ officer_id: 'O1', team: 'Team A', capacity_pct: 120 }),
      officerResult({ officer_id: 'O2', team: 'Team A', capacity_pct: 80 }),
      officerResult({ officer_id: 'O3', team: 'Team B', capacity_pct: 100 }),
      officerResult({ officer_id: 'O4', team: null, capacity_pct: 100.1 }),
      officerResult({ officer_id: 'O5', team: 'Team B', capacity_pct: null, status: 'left' }),
    ];
    const capacity = figure(figuresFor(view('officers', report({ officers }))), 'capacity');
    expect(tableText(capacity)).toEqual([
      ['Team A', '2', '1', '120.0'],
      ['(no team)', '1', '1', '100.1'],
      ['Team B', '1', '0', '100.0'],
    ]);
    expect(capacity.caption).toBe("4 officers, one dot each on their team's row; 2 right of the 100% line are over capacity. 1 with no capacity (no contracted hours, absent or left) are not drawn.");
    const points = (capacity.spec as { data: { values: { officer: string }[] } }).data.values;
    expect(points.map((point) => point.officer)).toEqual(['O1', 'O2', 'O3', 'O4']);
  });

  it("teams' rates: lost and overdue over the team's cases, teams with no cases left out", () => {
    const teams = [group('Team A', 10, 3, 5), group(null, 4, 0, 1), group('Empty', 0, 0, 0), group('Team C', 3, 1, 0)];
    const rates = figure(figuresFor({ ...view('teams', report()), teams }), 'team-rates');
    expect(tableText(rates)).toEqual([
      ['Team C', '3', '1', '33.3', '0', '0.0'],
      ['Team A', '10', '3', '30.0', '5', '50.0'],
      ['(no team)', '4', '0', '0.0', '1', '25.0'],
    ]);
    expect((rates.spec as { data: { values: unknown[] } }).data.values).toHaveLength(6);
  });

  it('each view has its charts; views without any have none', () => {
    const ids = (kind: Parameters<typeof view>[0]): string[] => figuresFor(view(kind, report())).map((entry) => entry.id);
    expect(ids('report')).toEqual(['capacity', 'lost', 'team-rates']);
    expect(ids('officers')).toEqual(['capacity']);
    expect(ids('teams')).toEqual(['team-rates']);
    expect(ids('cases')).toEqual(['lost']);
    expect(ids('validate')).toEqual([]);
  });
});

describe('chartSvg (Vega-Lite, headless, no canvas)', () => {
  it('measures text by estimate: finite sizes, no NaN, and a long label cut with an ellipsis', async () => {
    const longTeam = 'A team name far longer than any axis should show in full, ' + 'x'.repeat(200);
    const officers = [officerResult({ officer_id: 'O1', team: longTeam, capacity_pct: 130 }), officerResult({ officer_id: 'O2', team: 'B', capacity_pct: 50 })];
    const svg = await chartSvg(figure(figuresFor(view('officers', report({ officers }))), 'capacity').spec);
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    const [, width, height] = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg)!;
    expect(Number(width)).toBeGreaterThan(500);
    expect(Number(width)).toBeLessThan(1000);
    expect(Number(height)).toBeGreaterThan(40);
    expect(svg).toContain('A team name far longer');
    // The axis label is cut to its limit (the full name stays in the axis's aria-label).
    const labels = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]!);
    const label = labels.find((text) => text.startsWith('A team name far longer'))!;
    expect(label.endsWith('…')).toBe(true);
    expect(label.length).toBeGreaterThan(20);
    expect(label.length).toBeLessThan(60);
  });
});

describe('htmlPage', () => {
  const hostile = '<img src=x onerror=alert(1)> & "Co"';
  const cases = Array.from({ length: HTML_LIST_ROWS + 3 }, (_, at) =>
    caseResult({ crn: `X${at + 1}`, name: at === 0 ? hostile : `Person ${at + 1}`, team: hostile, flags: ['not_seen'] }),
  );
  const officers = [officerResult({ officer_id: 'O1', name: 'Officer <b>One</b>', team: hostile, capacity_pct: 140 })];
  const fullReport = { ...report({ cases, officers }), teams: [group(hostile, cases.length, cases.length, 0)] };

  /** The pages of the views with charts (the report's summary needs a whole analysis: the CLI tests). */
  const pages = async (options: { redact?: boolean } = {}): Promise<string> =>
    (await Promise.all((['officers', 'teams', 'cases'] as const).map((kind) => htmlPage(view(kind, fullReport, options))))).join('\n');

  it('escapes every value from the export, in tables and in the charts', async () => {
    const page = await pages();
    expect(page).not.toMatch(/<img|<b>One/);
    expect(page).toContain('&#60;img src=x onerror=alert(1)&#62; &#38; &#34;Co&#34;');
    expect(page).toContain('Officer &#60;b&#62;One&#60;/b&#62;');
    // Vega's own escaping, in the SVG text.
    expect(page).toMatch(/&lt;img src=x onerror=alert\(1\)&gt; &amp;/);
    expect(page).not.toMatch(/<script/i);
  });

  it("allows its style sheet by hash and nothing else: no fetch, no script", async () => {
    const page = await htmlPage(view('officers', report({ officers: [officerResult()] })));
    const hash = createHash('sha256').update(STYLE, 'utf8').digest('base64');
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'">`);
    expect(page).toContain(`<style>${STYLE}</style>`);
    expect(page.match(/<style/g)).toHaveLength(1);
    // No address to fetch: only the SVG namespaces name a URL.
    expect(page.replace(/xmlns(:xlink)?="http:\/\/www\.w3\.org\/[^"]*"/g, '')).not.toMatch(/https?:|url\(|@import|src=/);
  });

  it(`shows the top ${HTML_LIST_ROWS} cases and says where the rest are; --limit shows what it asks for`, async () => {
    const page = await htmlPage(view('cases', fullReport));
    expect(page).toContain(`>X${HTML_LIST_ROWS}<`);
    expect(page).not.toContain(`>X${HTML_LIST_ROWS + 1}<`);
    expect(page).toContain(`Showing the first 500 of 503; 3 more: every one is in the CSV, <code>caseload cases test --as-of 2026-11-16 --format csv</code>`);
    const limited = await htmlPage(view('cases', fullReport, { limit: 2 }));
    expect(limited).toContain('>X2<');
    expect(limited).not.toContain('>X3<');
    expect(limited).toContain('Showing the first 2 of 503; 501 more.');
  });

  it('leaves names out with --redact (the name columns too) and is the same page every time', async () => {
    const named = await pages();
    expect(['>Person 2<', 'Officer &#60;b&#62;One'].filter((name) => !named.includes(name))).toEqual([]);
    const redacted = await pages({ redact: true });
    expect(redacted).not.toMatch(/Person|Officer &#60;b/);
    expect(await pages({ redact: true })).toBe(redacted);
  });
});

describe('the charting library loads only for a page', () => {
  /** Every package a module reaches by static, value imports (dynamic `import()` and `import type` are not followed). */
  function staticPackages(entry: string): Set<string> {
    const packages = new Set<string>();
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm)) {
        const specifier = match[1]!;
        if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
        else packages.add(specifier);
      }
    };
    visit(resolve(SRC, entry));
    return packages;
  }

  it('no static import from the command line or the renderers reaches vega or vega-lite', () => {
    const reached = [...staticPackages('cli/main.ts'), ...staticPackages('cli/run.ts'), ...staticPackages('render/index.ts')];
    expect(reached).toContain('commander');
    expect(reached.filter((name) => name.startsWith('vega'))).toEqual([]);
    // The walk does find them where they are imported.
    expect([...staticPackages('render/html/charts.ts')].sort()).toEqual(['vega', 'vega-lite']);
  });
});
