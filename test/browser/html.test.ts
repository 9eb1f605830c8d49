/**
 * `--format html` in a real browser (SPEC 3.2): the fixture's report opened by chromium with
 * every request failed, read as a person and a screen reader would. One browser per file.
 * Skipped, saying so, only where chromium is not installed (`.ci/run` installs it).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runOnce } from '../helpers/cli.js';
import { CHROMIUM_PATH, HAS_CHROMIUM, launchChromium, openHtml, type OpenedPage } from '../helpers/browser.js';

const LOST_FLAGS = ['unallocated', 'unknown_officer', 'officer_left', 'officer_absent', 'not_seen', 'never_seen'];
const ARGS = ['fixtures/north-london', '--as-of', '2026-11-16'];

interface ReportJson {
  officers: { officer_id: string; team: string | null; capacity_pct: number | null }[];
  teams: { name: string | null; cases: number }[];
  pdus: unknown[];
  managers: unknown[];
  cases: { crn: string; lost: boolean; flags: string[] }[];
}

function run(args: readonly string[]): string {
  const result = runOnce(args);
  expect(result.exitCode, result.stderr).toBe(0);
  expect(result.stderr).toBe('');
  return result.stdout;
}

const reportJson = (command: string): ReportJson => JSON.parse(run([command, ...ARGS, '--json'])) as ReportJson;

/** Marks Vega drew in one figure: `mark-symbol` dots, `mark-rect` bars (axes and legends are not marks). */
const marks = (opened: OpenedPage, figure: string, kind: 'symbol' | 'rect'): Promise<number> =>
  opened.page.locator(`figure#${figure} g.mark-${kind}.role-mark > path`).count();

const bodyRows = (opened: OpenedPage, selector: string): Promise<number> => opened.page.locator(`${selector} tbody tr`).count();

if (!HAS_CHROMIUM) {
  describe('caseload --format html in a browser', () => {
    it.skip(`needs chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH): browser tests skipped`, () => {});
  });
  console.warn(`test/browser/html.test.ts: no chromium at ${CHROMIUM_PATH}: the browser tests are SKIPPED (apt-get install -y chromium)`);
} else {
  describe('caseload --format html in a browser', () => {
    let browser: Browser;
    let report: OpenedPage;
    let json: ReportJson;

    beforeAll(async () => {
      browser = await launchChromium();
      json = reportJson('report');
      report = await openHtml(browser, run(['report', ...ARGS, '--format', 'html']));
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
    });

    it('opens with no request made and nothing on the console (CSP violations included)', async () => {
      expect(report.requests).toEqual([]);
      expect(report.errors).toEqual([]);
      expect(await report.page.locator('script').count()).toBe(0);
      const policy = await report.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      expect(policy).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src data:/);
    });

    it('applies its own style sheet (allowed by the policy) and no other', async () => {
      const fontFamily = await report.page.evaluate(() => getComputedStyle(document.body).fontFamily);
      expect(fontFamily).toContain('system-ui');
      expect(await report.page.evaluate(() => document.styleSheets.length)).toBe(1);
    });

    it("draws one dot per officer with a capacity, coloured by team, and the 100% line", async () => {
      const withCapacity = json.officers.filter((officer) => officer.capacity_pct !== null);
      expect(withCapacity.length).toBeGreaterThan(0);
      expect(await marks(report, 'capacity', 'symbol')).toBe(withCapacity.length);
      expect(await report.page.locator('figure#capacity g.mark-rule.role-mark > line').count()).toBe(1);
      const fills = await report.page
        .locator('figure#capacity g.mark-symbol.role-mark > path')
        .evaluateAll((paths) => new Set(paths.map((path) => path.getAttribute('fill'))).size);
      expect(fills).toBe(new Set(withCapacity.map((officer) => officer.team)).size);
    });

    it('draws a bar per lost reason and two bars (lost, overdue) per team with cases', async () => {
      const reasons = LOST_FLAGS.filter((flag) => json.cases.some((result) => result.flags.includes(flag)));
      expect(await marks(report, 'lost', 'rect')).toBe(reasons.length);
      expect(await marks(report, 'team-rates', 'rect')).toBe(2 * json.teams.filter((team) => team.cases > 0).length);
    });

    it('gives every chart a caption and a table of its figures', async () => {
      for (const figure of ['capacity', 'lost', 'team-rates']) {
        expect(await report.page.locator(`figure#${figure} figcaption`).innerText()).not.toBe('');
        expect(await bodyRows(report, `figure#${figure}`)).toBeGreaterThan(0);
      }
      const reasons = LOST_FLAGS.filter((flag) => json.cases.some((result) => result.flags.includes(flag)));
      expect(await bodyRows(report, 'figure#lost')).toBe(reasons.length);
      expect(await bodyRows(report, 'figure#team-rates')).toBe(json.teams.filter((team) => team.cases > 0).length);
    });

    it('lists every officer, and the top 500 flagged cases in priority order with where the rest are', async () => {
      expect(await bodyRows(report, 'section[aria-labelledby="table-1"]')).toBe(json.officers.length);
      expect(json.cases.length).toBeGreaterThan(500);
      expect(await bodyRows(report, 'section[aria-labelledby="table-2"]')).toBe(500);
      const crns = await report.page.locator('section[aria-labelledby="table-2"] tbody tr td:nth-child(2)').allInnerTexts();
      expect(crns).toEqual(json.cases.slice(0, 500).map((result) => result.crn));
      const more = await report.page.locator('section[aria-labelledby="table-2"] p.more').innerText();
      expect(more).toContain(`${(json.cases.length - 500).toLocaleString('en-GB')} more`);
      expect(more).toContain('caseload cases fixtures/north-london --as-of 2026-11-16 --format csv');
    });

    it('has no serious or critical accessibility violation (axe-core)', async () => {
      const axe = await import('axe-core');
      await report.page.evaluate(axe.default.source);
      const violations = await report.page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { html: string }[] }[] }> } }).axe.run();
        return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.map((node) => node.html.slice(0, 200)) }));
      });
      expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);
    }, 120_000);

    it('reads the same with JavaScript off, and its structure is as committed (the screenshot test)', async () => {
      const noScript = await openHtml(browser, run(['report', ...ARGS, '--format', 'html']), { javaScriptEnabled: false });
      try {
        expect(noScript.requests).toEqual([]);
        const structure = await noScript.page.locator('body').evaluate((body) => {
          const lines: string[] = [];
          for (const element of body.querySelectorAll('h1, h2, h3, figure, table')) {
            if (element.tagName === 'FIGURE') lines.push(`figure#${element.id}: ${element.querySelectorAll('svg').length} svg, caption ${element.querySelector('figcaption') ? 'yes' : 'no'}`);
            else if (element.tagName === 'TABLE') lines.push(`  table: ${element.querySelectorAll('thead th').length} columns, ${element.querySelectorAll('tbody tr').length} rows`);
            else lines.push(`${element.tagName.toLowerCase()}: ${(element as HTMLElement).innerText}`);
          }
          return lines.join('\n') + '\n';
        });
        await expect(structure).toMatchFileSnapshot('../golden/report.html-structure.txt');
        // The top of the page: the summary and the charts.
        const screenshot = await noScript.page.screenshot({ fullPage: true, clip: { x: 0, y: 0, width: 1200, height: 1800 } });
        expect(screenshot.length).toBeGreaterThan(10_000);
        // `npm run screenshot` keeps this screenshot for the README.
        const keep = process.env.CASELOAD_SCREENSHOT;
        if (keep) {
          mkdirSync(dirname(join(ROOT, keep)), { recursive: true });
          writeFileSync(join(ROOT, keep), screenshot);
        }
      } finally {
        await noScript.close();
      }
    });

    it('prints on A4 (a PDF of the page), and follows a dark colour scheme', async () => {
      const pdf = await report.page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await report.page.emulateMedia({ colorScheme: 'dark' });
      const dark = await report.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await report.page.emulateMedia({ colorScheme: 'light' });
      const light = await report.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(dark).toBe('rgb(18, 18, 18)');
      expect(light).toBe('rgb(255, 255, 255)');
    });

    it('officers, teams and cases pages hold their charts and rows', async () => {
      const officers = reportJson('officers');
      const teams = reportJson('teams');
      const pages = {
        officers: await openHtml(browser, run(['officers', ...ARGS, '--format', 'html'])),
        teams: await openHtml(browser, run(['teams', ...ARGS, '--format', 'html'])),
        cases: await openHtml(browser, run(['cases', ...ARGS, '--format', 'html', '--risk', 'very_high'])),
      };
      try {
        for (const opened of Object.values(pages)) {
          expect(opened.requests).toEqual([]);
          expect(opened.errors).toEqual([]);
        }
        expect(await marks(pages.officers, 'capacity', 'symbol')).toBe(officers.officers.filter((officer) => officer.capacity_pct !== null).length);
        expect(await bodyRows(pages.officers, 'section[aria-labelledby="table-1"]')).toBe(officers.officers.length);
        expect(await marks(pages.teams, 'team-rates', 'rect')).toBe(2 * teams.teams.filter((team) => team.cases > 0).length);
        expect(await bodyRows(pages.teams, 'section[aria-labelledby="table-1"]')).toBe(teams.teams.length);
        expect(await bodyRows(pages.teams, 'section[aria-labelledby="table-2"]')).toBe(teams.pdus.length);
        expect(await bodyRows(pages.teams, 'section[aria-labelledby="table-3"]')).toBe(teams.managers.length);
        const veryHigh = JSON.parse(run(['cases', ...ARGS, '--json', '--risk', 'very_high'])) as ReportJson;
        expect(veryHigh.cases.length).toBeLessThan(500);
        expect(await bodyRows(pages.cases, 'section[aria-labelledby="table-1"]')).toBe(veryHigh.cases.length);
        const reasons = LOST_FLAGS.filter((flag) => veryHigh.cases.some((result) => result.flags.includes(flag)));
        expect(await marks(pages.cases, 'lost', 'rect')).toBe(reasons.length);
      } finally {
        for (const opened of Object.values(pages)) await opened.close();
      }
    }, 60_000);
  });
}
