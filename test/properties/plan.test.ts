/**
 * The reallocation plan's invariants (SPEC 2.3) on random regions: officers of every grade,
 * status, start date, hours and reduction in a few teams and PDUs; cases of every risk, tier,
 * status and allocation. Checked against the analysis it is built on, never against itself.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planReallocation, planReason, type Plan } from '../../src/analyse/plan.js';
import { NEW_STARTER_DAYS } from '../../src/analyse/officers.js';
import { configWith, caseRecord, daysAgo, exportsOf, officer, run, AS_OF } from '../analyse/builders.js';
import type { CaseRecord, OfficerRecord } from '../../src/read/records.js';
import type { Config } from '../../src/config/schema.js';
import { fcOptions } from './support.js';

const TEAMS = [null, 'North', 'South', 'East', 'West'] as const;
const PDU_OF: Record<string, string | null> = { North: 'P1', South: 'P1', East: 'P2', West: null };
const TIERS = [null, 'A3', 'A1', 'B2', 'B2S', 'C1', 'D0', 'D1'] as const;

const officerArb = (at: number) =>
  fc
    .record({
      grade: fc.constantFrom('PO', 'PSO', 'PQiP', 'SPO', null),
      team: fc.constantFrom(...TEAMS),
      status: fc.constantFrom('active', 'active', 'active', 'sick', 'left'),
      statusDays: fc.integer({ min: 0, max: 60 }),
      startDays: fc.option(fc.integer({ min: 300, max: 430 })),
      hours: fc.option(fc.constantFrom(37, 30, 18.5, 7.5), { freq: 8 }),
      reduction: fc.constantFrom(0, 0, 20, 80, 100),
    })
    .map(
      (draw): OfficerRecord =>
        officer({
          officerId: `O${String(at).padStart(2, '0')}`,
          grade: draw.grade,
          team: draw.team,
          pdu: draw.team === null ? null : PDU_OF[draw.team]!,
          status: draw.status,
          statusSince: draw.status === 'active' ? null : daysAgo(draw.statusDays),
          startDate: draw.startDays === null ? null : daysAgo(draw.startDays),
          contractedHours: draw.hours,
          reductionPct: draw.reduction,
        }),
    );

const caseArb = (officerCount: number) =>
  fc.record({
    officer: fc.oneof(fc.integer({ min: 0, max: officerCount - 1 }).map((at) => `O${String(at).padStart(2, '0')}`), fc.constantFrom(null, 'ZZ1')),
    risk: fc.constantFrom('low', 'medium', 'high', 'very_high', null),
    tier: fc.constantFrom(...TIERS),
    status: fc.constantFrom('active', 'active', 'active', 'custody', 'warrant', 'terminated'),
    sentenceType: fc.constantFrom(null, 'licence', 'community_order'),
    team: fc.constantFrom(...TEAMS),
    pdu: fc.constantFrom(null, 'P1', 'P2'),
    seenDaysAgo: fc.integer({ min: 0, max: 90 }),
  });

const region = fc.integer({ min: 1, max: 14 }).chain((officerCount) =>
  fc.record({
    officers: fc.tuple(...Array.from({ length: officerCount }, (_, at) => officerArb(at))),
    cases: fc.array(caseArb(officerCount), { maxLength: 60 }),
    limit: fc.constantFrom(80, 100, 120),
    scope: fc.constantFrom('team' as const, 'pdu' as const),
  }),
);

type Region = typeof region extends fc.Arbitrary<infer T> ? T : never;

function build(drawn: Region): { officers: OfficerRecord[]; cases: CaseRecord[]; config: Config } {
  const cases = drawn.cases.map((draw, at) =>
    caseRecord({
      crn: `X${String(at).padStart(3, '0')}`,
      officerId: draw.officer,
      risk: draw.risk as CaseRecord['risk'],
      tier: draw.tier,
      status: draw.status as CaseRecord['status'],
      sentenceType: draw.sentenceType,
      team: draw.team,
      pdu: draw.pdu,
      lastContact: daysAgo(draw.seenDaysAgo),
    }),
  );
  const config = configWith((c) => {
    c.plan.max_capacity_pct = drawn.limit;
    c.plan.scope = drawn.scope;
  });
  return { officers: drawn.officers, cases, config };
}

function planOfRegion(drawn: Region): { plan: Plan; report: ReturnType<typeof run>; officers: OfficerRecord[] } {
  const { officers, cases, config } = build(drawn);
  const exports = exportsOf({ officers, cases });
  const report = run(exports, { config });
  const plan = planReallocation({ officers, cases, officerResults: report.officers, caseResults: report.cases }, { asOf: AS_OF, config });
  return { plan, report, officers };
}

describe('the reallocation plan on random regions', () => {
  it('every case to move is in exactly one of moves and unplaced, and nothing else is', () => {
    const seen = { moves: 0, no_team: 0, no_eligible_officer: 0, no_capacity: 0 };
    fc.assert(
      fc.property(region, (drawn) => {
        const { plan, report } = planOfRegion(drawn);
        seen.moves += plan.moves.length;
        for (const item of plan.unplaced) seen[item.why]++;
        const toMove = report.cases.filter((result) => planReason(result.flags) !== null).map((result) => result.crn).sort();
        const listed = [...plan.moves, ...plan.unplaced].map((item) => item.crn).sort();
        expect(listed).toEqual(toMove);
        expect(plan.summary.cases_to_move).toBe(toMove.length);
        expect(plan.summary.placed + plan.summary.unplaced).toBe(toMove.length);
      }),
      fcOptions(300),
    );
    // The regions exercise every outcome, so the other properties are not vacuous.
    expect(Object.values(seen).every((count) => count > 0)).toBe(true);
  });

  it('no receiver goes over the limit; each is in post, not an SPO, with a capacity; the grade rules hold', () => {
    fc.assert(
      fc.property(region, (drawn) => {
        const { plan, report, officers } = planOfRegion(drawn);
        const roster = new Map(officers.map((record) => [record.officerId, record]));
        const results = new Map(report.officers.map((result) => [result.officer_id, result]));
        const pointsNow = new Map<string, number>();
        for (const move of plan.moves) {
          const record = roster.get(move.to_officer)!;
          const result = results.get(move.to_officer)!;
          expect(record.status).toBe('active');
          expect(record.grade).not.toBe('SPO');
          expect(result.capacity_points).not.toBeNull();
          expect(move.capacity_after).toBeLessThanOrEqual(drawn.limit);
          const points = (pointsNow.get(move.to_officer) ?? result.points) + move.points;
          pointsNow.set(move.to_officer, points);
          expect(points / result.capacity_points! * 100).toBeLessThanOrEqual(drawn.limit + 1e-9);
          if (record.grade === 'PSO') expect(['low', 'medium']).toContain(move.risk);
          if (record.startDate !== null && AS_OF - record.startDate <= NEW_STARTER_DAYS) expect(['high', 'very_high']).not.toContain(move.risk);
          // The home team, or (scope pdu) another team of its PDU.
          if (record.team !== move.home_team) {
            expect(drawn.scope).toBe('pdu');
            expect(record.pdu).not.toBeNull();
          }
        }
        for (const receiver of plan.receivers) expect(receiver.capacity_after).toBeLessThanOrEqual(drawn.limit);
      }),
      fcOptions(300),
    );
  });

  it('the same plan on every run, whatever the order of officers.csv', () => {
    fc.assert(
      fc.property(region, (drawn) => {
        const first = planOfRegion(drawn).plan;
        expect(planOfRegion(drawn).plan).toEqual(first);
        expect(planOfRegion({ ...drawn, officers: [...drawn.officers].reverse() as typeof drawn.officers }).plan).toEqual(first);
      }),
      fcOptions(150),
    );
  });
});
