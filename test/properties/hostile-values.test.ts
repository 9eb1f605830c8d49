/**
 * Hostile text in every cell of a well-formed export: control characters, ANSI escape
 * sequences, formula starts, delimiters, quotes and line breaks, any Unicode. Reading it never
 * fails and never loses a case (SPEC 1.3), and no renderer lets it reach a terminal, a wiki or a
 * spreadsheet as anything but text (SPEC 3): tables and markdown carry no control character,
 * CSV neutralises formula starts and round-trips the rest, JSON escapes what it must and parses
 * back to the very same text, and the email's text body is plain.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Chalk } from 'chalk';
import { parse } from 'csv-parse/sync';
import { simpleParser } from 'mailparser';
import { analyse } from '../../src/analyse/analyze.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { readExports } from '../../src/read/exports.js';
import type { Exports } from '../../src/read/records.js';
import { RENDERERS, type Format } from '../../src/render/index.js';
import { csvText as csvCellText } from '../../src/render/text.js';
import { StringOutput } from '../../src/render/output.js';
import { buildView, NO_FILTER, type View } from '../../src/render/view.js';
import { DEFAULT_EMAIL } from '../../src/render/email.js';
import { plainText } from '../../src/render/text.js';
import { isFooterRow } from '../../src/read/table.js';
import { tempDir } from '../helpers/cli.js';
import { dayOf } from './export-model.js';
import { fcOptions } from './support.js';

const AS_OF = dayOf('2026-11-16');

/** Pieces of hostile text; any code point at all (lone surrogates aside, which UTF-8 cannot hold). */
const PIECES = [
  '\u001b[31m', '\u001b[0m', '\u001b]0;title\u0007', '\u001b]8;;http://x\u001b\\', '\u001b[2J', '\u001b[1;1H', '\u001bc', '\u009b31m', '\u001bP1$r\u001b\\',
  '\u0000', '\u0007', '\b', '\u000b', '\f', '\u007f', '\u0085', '\r', '\n', '\r\n', '\t',
  '=', '+', '-', '@', '=HYPERLINK("http://x")', '"', ',', ';', '|', '\\', '<b>', '&amp;',
  '\u2028', '\u202e', '\ufeff', '\u00a0', 'é', '€', '😀', '中', 'Ann', 'Lee', ' ', 'X1',
];
const hostile = fc.string({
  unit: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }),
  maxLength: 6,
});
/** A key column: mostly ordinary, so rows link up, sometimes hostile. */
const key = (ordinary: string[]): fc.Arbitrary<string> => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ordinary) }, { weight: 2, arbitrary: hostile });
const date = fc.oneof(fc.constantFrom('2026-11-01', '2026-06-30', '01/02/2026', ''), hostile);

const OFFICER_IDS = ['P1', 'P2', 'P3'];
const CRNS = ['X1', 'X2', 'X3', 'X4', 'X5'];
const OFFICERS = ['officer_id', 'name', 'team', 'pdu', 'manager_id', 'grade', 'status', 'email'];
const OFFENDERS = ['crn', 'officer_id', 'risk', 'name', 'tier', 'sentence_type', 'start_date', 'last_contact', 'da_flag', 'da_check', 'last_assessment'];
const CONTACTS = ['crn', 'date', 'outcome', 'type'];

/** An export with no officer or no case that can be read is an input error (test/read/all-clear.test.ts). */
const readable = (model: HostileExport): boolean =>
  model.officers.some((row) => row[0]!.trim() !== '') && model.offenders.some((row) => row[0]!.trim() !== '' && !isFooterRow(row));

const hostileExport = fc.record({
  officers: fc.array(fc.tuple(key(OFFICER_IDS), hostile, hostile, hostile, key(OFFICER_IDS), hostile, fc.oneof(fc.constant(''), hostile), hostile), { minLength: 1, maxLength: 4 }),
  offenders: fc.array(
    fc.tuple(key(CRNS), key(OFFICER_IDS), fc.oneof(fc.constantFrom('high', 'low', ''), hostile), hostile, hostile, hostile, date, date, fc.oneof(fc.constantFrom('yes', 'no'), hostile), date, date),
    { minLength: 1, maxLength: 8 },
  ),
  contacts: fc.array(fc.tuple(key(CRNS), date, fc.oneof(fc.constantFrom('attended', 'FTA'), hostile), hostile), { maxLength: 8 }),
}).filter((model) => readable(model as HostileExport));
type HostileExport = { officers: string[][]; offenders: string[][]; contacts: string[][] };

const field = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const csvText = (header: string[], rows: string[][]): string => [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
const blank = (row: string[]): boolean => row.every((cell) => cell.trim() === '');

async function readHostile(model: HostileExport): Promise<Exports> {
  const { dir, cleanup } = tempDir({
    'officers.csv': csvText(OFFICERS, model.officers),
    'offenders.csv': csvText(OFFENDERS, model.offenders),
    'contacts.csv': csvText(CONTACTS, model.contacts),
  });
  try {
    return await readExports({ dir }, { asOf: AS_OF, config: DEFAULT_CONFIG });
  } finally {
    cleanup();
  }
}

function viewOf(exports: Exports, redact = false): View {
  const report = analyse(exports, { asOf: AS_OF, config: DEFAULT_CONFIG });
  return buildView('report', report, { filter: { ...NO_FILTER, all: true }, limit: 1000, redact, source: 'export' });
}

async function render(view: View, format: Format): Promise<string> {
  const out = new StringOutput();
  await RENDERERS[format](view, out, { chalk: new Chalk({ level: 0 }), email: DEFAULT_EMAIL });
  return out.toString();
}

/** Anything a terminal acts on: C0 and C1 control characters and DEL; a line feed only ends a line. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const FORMULA_START = /^[=+\-@\t\r]/;

describe('hostile text in every cell', () => {
  it('is read without failing, and every crn is a case; for every file rows = used + rejected', async () => {
    await fc.assert(
      fc.asyncProperty(hostileExport, async (model) => {
        const exports = await readHostile(model);
        const records = model.offenders.filter((row) => !blank(row));
        const crns = new Set(records.map((row) => row[0]!.trim()).filter((crn) => crn !== ''));
        expect(new Set(exports.cases.map((record) => record.crn))).toEqual(crns);
        const counts = { officers: model.officers.filter((row) => !blank(row)).length, offenders: records.length, contacts: model.contacts.filter((row) => !blank(row)).length };
        for (const input of exports.inputs) {
          expect([input.file, input.rows]).toEqual([input.file, counts[input.file]]);
          expect(input.used + input.rejected).toBe(input.rows);
        }
        expect(exports.inputs.find((input) => input.file === 'offenders')!.rejected).toBe(records.filter((row) => row[0]!.trim() === '').length);
        // No status column: every case is active, so every one is analysed and listed.
        const doc = JSON.parse(await render(viewOf(exports), 'json')) as { cases: { crn: string }[] };
        expect(new Set(doc.cases.map((result) => result.crn))).toEqual(crns);
      }),
      fcOptions(120),
    );
  });

  it('never reaches the terminal or a wiki: no control character in table or markdown output', async () => {
    await fc.assert(
      fc.asyncProperty(hostileExport, async (model) => {
        const view = viewOf(await readHostile(model));
        for (const format of ['table', 'markdown'] as const) {
          const text = await render(view, format);
          expect([format, text.match(CONTROL)?.[0] ?? null]).toEqual([format, null]);
        }
        // Every crn is still shown (stripped of what a terminal would act on).
        const table = await render(view, 'table');
        for (const result of view.cases) expect(table).toContain(` ${plainText(result.crn)} `);
      }),
      fcOptions(80),
    );
  });

  it('is never run by a spreadsheet: CSV cells starting = + - @ tab or CR get a leading quote, and the rest round-trips without control characters', async () => {
    await fc.assert(
      fc.asyncProperty(hostileExport, async (model) => {
        const view = viewOf(await readHostile(model));
        const rows = parse(await render(view, 'csv'), { columns: true, relax_quotes: false }) as Record<string, string>[];
        expect(rows).toHaveLength(view.cases.length);
        rows.forEach((row, at) => {
          const result = view.cases[at] as unknown as Record<string, unknown>;
          for (const [column, cell] of Object.entries(row)) {
            const value = result[column];
            if (typeof value !== 'string') continue;
            const clean = csvCellText(value);
            expect([column, cell]).toEqual([column, FORMULA_START.test(clean) ? `'${clean}` : clean]);
            expect(FORMULA_START.test(cell)).toBe(false);
            // No escape sequence or control character but tab and line breaks (issue 15).
            expect([column, cell.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200b]/)]).toEqual([column, null]);
          }
        });
      }),
      fcOptions(80),
    );
  });

  it('JSON escapes control characters (no raw ESC) and parses back to the same text, as data', async () => {
    await fc.assert(
      fc.asyncProperty(hostileExport, async (model) => {
        const exports = await readHostile(model);
        const view = viewOf(exports);
        for (const format of ['json', 'ndjson'] as const) {
          const text = await render(view, format);
          // Pretty-printing's line feeds aside, no C0 control character is written raw.
          expect(text.replace(/\n/g, '').match(/[\u0000-\u001f]/)?.[0] ?? null).toBeNull();
        }
        const doc = JSON.parse(await render(view, 'json')) as { cases: { crn: string; name: string | null }[]; officers: { officer_id: string; name: string | null }[] };
        const names = new Map(exports.cases.map((record) => [record.crn, record.name]));
        for (const result of doc.cases) expect(result.name).toBe(names.get(result.crn));
        const officerNames = new Map(exports.officers.map((officer) => [officer.officerId, officer.name]));
        for (const officer of doc.officers) if (officerNames.has(officer.officer_id)) expect(officer.name).toBe(officerNames.get(officer.officer_id));
      }),
      fcOptions(80),
    );
  });

  it('the email digest: a text body with no control character, every case in the attachment', async () => {
    await fc.assert(
      fc.asyncProperty(hostileExport, async (model) => {
        const exports = await readHostile(model);
        // --include-names: the names are what is hostile.
        const mail = await simpleParser(await render(viewOf(exports), 'email'));
        const textBody = mail.text ?? '';
        expect(textBody.length).toBeGreaterThan(0);
        expect(textBody.replace(/\n/g, '').match(CONTROL)?.[0] ?? null).toBeNull();
        const attached = parse(mail.attachments[0]!.content, { columns: true }) as Record<string, string>[];
        expect(attached).toHaveLength(exports.cases.length);
      }),
      fcOptions(25),
    );
    // Each digest draws its attached page's charts.
  }, 180_000);

  it('the HTML page: no control character, no markup from the export, every case a row', async () => {
    await fc.assert(
      fc.asyncProperty(hostileExport, async (model) => {
        const exports = await readHostile(model);
        const page = await render(viewOf(exports), 'html');
        expect(page.replace(/\n/g, '').match(CONTROL)?.[0] ?? null).toBeNull();
        // Every tag in the page is one the renderer or Vega writes: none comes from a cell.
        const tags = new Set([...page.matchAll(/<\/?([a-zA-Z][\w:-]*)/g)].map((match) => match[1]!.toLowerCase()));
        const known = ['!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'main', 'section', 'dl', 'dt', 'dd', 'figure', 'figcaption', 'div', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'p', 'code', 'footer', 'svg', 'g', 'path', 'rect', 'line', 'text', 'defs', 'clippath'];
        expect([...tags].filter((tag) => !known.includes(tag))).toEqual([]);
        const rows = page.slice(page.indexOf('Flagged cases by priority')).match(/<tr>/g)?.length ?? 0;
        // The heading row, and a row per case (the view is every case, cut at 1000 by --limit).
        expect(rows).toBe(exports.cases.length === 0 ? 0 : exports.cases.length + 1);
      }),
      fcOptions(10),
    );
  }, 180_000);
});
