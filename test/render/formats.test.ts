/**
 * SUMMARY_FORMATS names the formats that show a report's pointer to the reallocation plan; a
 * report in any other format does without working the plan out. Both halves checked: a format
 * outside the set writes the same bytes with and without the plan, one inside it does not.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { analyse } from '../../src/analyse/analyze.js';
import { planReallocation } from '../../src/analyse/plan.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { readExports } from '../../src/read/exports.js';
import { parseIsoDay, type Day } from '../../src/read/values.js';
import { DEFAULT_EMAIL } from '../../src/render/email.js';
import { FORMATS, SUMMARY_FORMATS, type Format } from '../../src/render/formats.js';
import { RENDERERS } from '../../src/render/index.js';
import { StringOutput } from '../../src/render/output.js';
import { buildView, NO_FILTER } from '../../src/render/view.js';
import { ROOT } from '../helpers/cli.js';

describe('a report works out the plan only for the formats that show it', async () => {
  const asOf = parseIsoDay('2026-11-16') as Day;
  const config = DEFAULT_CONFIG;
  const exports = await readExports({ dir: join(ROOT, 'fixtures/north-london') }, { asOf, config });
  const report = analyse(exports, { asOf, config });
  const plan = planReallocation({ officers: exports.officers, cases: exports.cases, officerResults: report.officers, caseResults: report.cases }, { asOf, config, teams: [], pdus: [] });
  const options = { filter: NO_FILTER, limit: null, redact: false, source: 'north-london' };
  const rendered = async (format: Format, withPlan: boolean): Promise<string> => {
    const out = new StringOutput();
    await RENDERERS[format](buildView('report', report, options, null, withPlan ? plan : null), out, { chalk: new Chalk({ level: 0 }), email: DEFAULT_EMAIL });
    return out.toString();
  };

  it('the fixture has cases to move, so the plan has something to say', () => {
    expect(plan.moves.length + plan.unplaced.length).toBeGreaterThan(0);
  });

  it.each(FORMATS.map((format) => [format, SUMMARY_FORMATS.has(format)] as const))('%s: shows the plan: %s', async (format, shows) => {
    const [without, withPlan] = [await rendered(format, false), await rendered(format, true)];
    if (shows) expect(withPlan).not.toBe(without);
    else expect(withPlan).toBe(without);
  });
});
