#!/usr/bin/env node
/**
 * fixtures/trend: four weekly exports of one small synthetic region (2026-10-26 … 2026-11-16),
 * for `caseload trend`. Every name and number is made up. A seeded generator (mulberry32): the
 * output is byte-identical on every run.
 *
 *   node scripts/generate-trend.mjs [OUT_DIR]     (default fixtures/trend)
 *
 * Two PDUs of two teams, five officers each side, about 13 cases per officer; each case has a
 * contact history drawn once for the whole period, so each week's last_contact is the latest
 * contact on or before that export's date. On top of that, scripted stories the trend must tell:
 *
 * - T1-LEFT: officer N05 left on 2026-10-01: their cases are lost in all four exports (4 weeks).
 * - C-AGAIN: unallocated on 10-26, allocated to N01 on 11-02, then to the leaver N05 on 11-09 and
 *   11-16: lost, not lost, lost again (a streak of 2 since 11-09).
 * - C-FOUND: unallocated on 10-26 and 11-02, allocated on 11-09 and 11-16: resolved.
 * - C-GONE: unallocated on 10-26 and 11-02, terminated from 11-09: lost, then no longer a case.
 * - S03 goes sick on 2026-10-12: their cases are lost from 11-09 (more than 21 days absent).
 * - C-NEW: appears on 11-16 with no officer: newly lost.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mulberry32 } from './random.mjs';

const OUT = resolve(process.argv[2] ?? 'fixtures/trend');
const WEEKS = ['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16'];

const random = mulberry32(20261116);
const pick = (list) => list[Math.floor(random() * list.length)];
const between = (low, high) => low + Math.floor(random() * (high - low + 1));

const DAY_MS = 86_400_000;
const dayOf = (text) => Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10))) / DAY_MS;
const textOf = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);

const FIRST_NAMES = ['Alex', 'Sam', 'Jo', 'Chris', 'Robin', 'Kit', 'Lee', 'Max', 'Drew', 'Ash', 'Jamie', 'Rory'];
const LAST_NAMES = ['Birch', 'Cedar', 'Elm', 'Hazel', 'Larch', 'Maple', 'Rowan', 'Willow', 'Aspen', 'Holly', 'Yew', 'Alder'];

// Two PDUs, two teams each; managers S01 (North) and S02 (South).
const OFFICERS = [
  ['N01', 'Nia North', 'PO', 'North A', 'North', 'S01', 37, 'active', ''],
  ['N02', 'Ned Nolan', 'PO', 'North A', 'North', 'S01', 37, 'active', ''],
  ['N03', 'Nora Nash', 'PSO', 'North B', 'North', 'S01', 37, 'active', ''],
  ['N04', 'Noel Nye', 'PO', 'North B', 'North', 'S01', 30, 'active', ''],
  ['N05', 'Nell Noon', 'PO', 'North A', 'North', 'S01', 37, 'left', '2026-10-01'],
  ['S01', 'Sara Stone', 'SPO', 'South A', 'South', '', 37, 'active', ''],
  ['S02', 'Seb Stokes', 'PO', 'South A', 'South', 'S01', 37, 'active', ''],
  ['S03', 'Sian Swift', 'PO', 'South A', 'South', 'S01', 37, 'active', ''],
  ['S04', 'Saul Shaw', 'PSO', 'South B', 'South', 'S01', 37, 'active', ''],
  ['S05', 'Suki Sands', 'PO', 'South B', 'South', 'S01', 37, 'active', ''],
  ['S06', 'Stan Stroud', 'PO', 'South B', 'South', 'S01', 22.5, 'active', ''],
];
const CASE_HOLDERS = ['N01', 'N02', 'N03', 'N04', 'N05', 'S02', 'S03', 'S04', 'S05', 'S06'];
const RISKS = ['low', 'medium', 'medium', 'high', 'very_high'];
const STANDARD = { very_high: 7, high: 7, medium: 14, low: 28 };
const TIERS = ['A2', 'B1', 'B2', 'C1', 'C2', 'D1'];

const FIRST_DAY = dayOf(WEEKS[0]) - 120;
const LAST_DAY = dayOf(WEEKS.at(-1));

/** Contact dates from the case's start to the last export: mostly on time, some long gaps. */
function contactHistory(start, standard) {
  const dates = [];
  // One case in ten drifts: contact stops at some point (becomes overdue, then not_seen).
  const stopsAt = random() < 1 / 10 ? between(FIRST_DAY + 20, LAST_DAY) : Infinity;
  for (let day = start + between(1, 6); day <= LAST_DAY && day <= stopsAt; day += between(Math.ceil(standard / 2), standard + 4)) dates.push(day);
  return dates;
}

const cases = [];
let serial = 0;
for (const officerId of CASE_HOLDERS) {
  const count = officerId.startsWith('N') ? between(11, 14) : between(12, 15);
  for (let at = 0; at < count; at++) {
    serial++;
    const risk = pick(RISKS);
    const start = between(FIRST_DAY - 200, FIRST_DAY + 60);
    cases.push({
      crn: `T${String(serial).padStart(4, '0')}`,
      name: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`,
      risk,
      tier: pick(TIERS),
      sentence: pick(['community_order', 'licence', 'suspended_sentence']),
      start,
      end: start + between(300, 900),
      contacts: contactHistory(start, STANDARD[risk]),
      // An assessment most cases had recently; one in five is long out of date.
      assessment: random() < 0.2 ? start - between(200, 400) : LAST_DAY - between(10, 150),
      officer: () => officerId,
      status: () => 'active',
    });
  }
}

/** The scripted stories: officer and status per week (index 0 … 3). */
const story = (crn, name, officers, statuses = ['active', 'active', 'active', 'active']) => ({
  crn,
  name,
  risk: 'high',
  tier: 'B2',
  sentence: 'licence',
  start: FIRST_DAY,
  end: LAST_DAY + 400,
  // Seen every week: only the allocation makes these cases lost.
  contacts: Array.from({ length: (LAST_DAY - FIRST_DAY) / 7 + 1 }, (_, at) => FIRST_DAY + at * 7),
  assessment: FIRST_DAY + 5,
  officer: (week) => officers[week],
  status: (week) => statuses[week],
});
cases.push(
  story('C-AGAIN', 'Ari Again', ['', 'N01', 'N05', 'N05']),
  story('C-FOUND', 'Fran Found', ['', '', 'N02', 'N02']),
  story('C-GONE', 'Gus Gone', ['', '', 'N03', 'N03'], ['active', 'active', 'terminated', 'terminated']),
);
const newcomer = story('C-NEW', 'Nat New', ['', '', '', '']);

const csvLine = (fields) => fields.map((field) => (/[",\n]/.test(String(field)) ? `"${String(field).replace(/"/g, '""')}"` : String(field))).join(',');

WEEKS.forEach((week, index) => {
  const asOf = dayOf(week);
  const dir = join(OUT, week);
  mkdirSync(dir, { recursive: true });
  const officers = OFFICERS.map(([id, name, grade, team, pdu, manager, hours, status, since]) => {
    // S03 goes sick on 2026-10-12: absent more than 21 days from 11-09.
    const sick = id === 'S03';
    return [id, name, grade, team, pdu, manager, hours, sick ? 'sick' : status, sick ? '2026-10-12' : since, '2019-04-01', textOf(asOf - 30)];
  });
  writeFileSync(
    join(dir, 'officers.csv'),
    [csvLine(['officer_id', 'name', 'grade', 'team', 'pdu', 'manager_id', 'contracted_hours', 'status', 'status_since', 'start_date', 'last_supervision']), ...officers.map(csvLine)].join('\n') + '\n',
  );
  const weekCases = index === WEEKS.length - 1 ? [...cases, newcomer] : cases;
  const rows = weekCases.map((entry) => {
    const seen = entry.contacts.filter((day) => day <= asOf).at(-1);
    return [
      entry.crn,
      entry.officer(index),
      entry.risk,
      entry.name,
      entry.tier,
      entry.sentence,
      textOf(entry.start),
      textOf(entry.end),
      seen === undefined ? '' : textOf(seen),
      entry.assessment <= asOf ? textOf(entry.assessment) : textOf(entry.assessment - 182),
      entry.status(index),
    ];
  });
  writeFileSync(
    join(dir, 'offenders.csv'),
    [csvLine(['crn', 'officer_id', 'risk', 'name', 'tier', 'sentence_type', 'start_date', 'end_date', 'last_contact', 'last_assessment', 'status']), ...rows.map(csvLine)].join('\n') + '\n',
  );
});
process.stdout.write(`wrote ${WEEKS.length} exports to ${OUT}\n`);
