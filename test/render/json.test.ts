import { describe, expect, it } from 'vitest';
import { jsonDocument, writeJson } from '../../src/render/json.js';
import { StringOutput } from '../../src/render/output.js';
import { caseResult, officerResult, report, view } from './builders.js';

function written(document: Record<string, unknown>): string {
  const out = new StringOutput();
  writeJson(document, out);
  return out.toString();
}

describe('writeJson', () => {
  it.each<[string, Record<string, unknown>]>([
    ['an empty object', {}],
    ['scalars of every kind', { a: 1, b: -2.5, c: 'text', d: true, e: false, f: null }],
    ['empty arrays and objects, at the top and nested', { a: [], b: {}, c: [{}, [], { d: [] }], e: { f: [], g: {} } }],
    ['arrays of objects holding arrays', { cases: [{ crn: 'X1', flags: ['a', 'b'], nested: { deep: [1, [2, [3]]] } }, { crn: 'X2', flags: [] }] }],
    ['arrays of scalars and of arrays', { list: [1, 'two', null, true], grid: [[1, 2], [], [[3]]] }],
    ['strings that need escaping', { text: 'line\nbreak "quoted" \\ back\u001b[31m tab\t', 'key with "quotes"': 'é ü 😀' }],
    ['one element arrays', { one: [{ a: 1 }], scalar: [0] }],
    // JSON.stringify leaves out undefined (and function) values, and writes null for them in arrays.
    ['undefined values', { a: 1, gone: undefined, b: [undefined, 2], c: { d: undefined } }],
    ['undefined as the last value', { a: [1], gone: undefined }],
  ])('writes %s as JSON that reads back to what JSON.stringify gives', (_name, document) => {
    const text = written(document);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('pretty-prints the top level and writes each top-level array element compact on its own line', () => {
    const document = { schema_version: 1, config: { a: { b: 1 } }, cases: [{ crn: 'X1', flags: ['a', 'b'] }, { crn: 'X2', flags: [] }], issues: [] };
    expect(written(document)).toBe(
      [
        '{',
        '  "schema_version": 1,',
        '  "config": {',
        '    "a": {',
        '      "b": 1',
        '    }',
        '  },',
        '  "cases": [',
        '    {"crn":"X1","flags":["a","b"]},',
        '    {"crn":"X2","flags":[]}',
        '  ],',
        '  "issues": []',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('writes a whole report document that reads back to the same value', () => {
    const cases = [caseResult({ crn: 'X1', flags: ['not_seen', 'overdue'] }), caseResult({ crn: 'X2', flags: [] })];
    const document = jsonDocument(view('report', report({ cases, officers: [officerResult()] }), { filter: { all: true } }));
    expect(Object.keys(document)).toEqual(['schema_version', 'as_of', 'config', 'inputs', 'checks_skipped', 'summary', 'officers', 'managers', 'teams', 'pdus', 'peer_groups', 'cases', 'issues']);
    expect(JSON.parse(written(document))).toEqual(JSON.parse(JSON.stringify(document)));
    expect(written(document).split('\n').filter((line) => line.startsWith('    {"crn":'))).toHaveLength(2);
  });

  it('writes array elements one at a time, not as one big string', () => {
    const out = { parts: [] as string[], write(text: string) { this.parts.push(text); }, writeBytes() { throw new Error('no bytes expected'); } };
    writeJson({ cases: Array.from({ length: 50 }, (_, at) => ({ at })) }, out);
    expect(out.parts.length).toBeGreaterThan(50);
  });
});

describe('jsonDocument', () => {
  it('holds the view\'s selection: flagged cases unless --all, cut to --limit', () => {
    const cases = [caseResult({ crn: 'X1', flags: ['overdue'] }), caseResult({ crn: 'X2' }), caseResult({ crn: 'X3', flags: ['warrant'] })];
    const full = report({ cases });
    expect((jsonDocument(view('cases', full)).cases as { crn: string }[]).map((result) => result.crn)).toEqual(['X1', 'X3']);
    expect((jsonDocument(view('cases', full, { filter: { all: true }, limit: 2 })).cases as { crn: string }[]).map((result) => result.crn)).toEqual(['X1', 'X2']);
  });

  it('for validate, holds the data side only', () => {
    expect(Object.keys(jsonDocument(view('validate', report())))).toEqual(['schema_version', 'as_of', 'config', 'inputs', 'checks_skipped', 'issues']);
  });
});
