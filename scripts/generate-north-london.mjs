#!/usr/bin/env node
/*
 * Synthetic "North London" probation export for caseload. Every name is invented from lists of
 * common first names and surnames, and no row describes a real person.
 *
 * The story: the 2016 and 2023 inspections of London probation. The export is dated Monday
 * 2026-11-16. It holds about 2,000 people on probation, six teams in two PDUs and 45 officer
 * posts, and about a fifth of those posts are vacant:
 *   - nine officers have left, and their cases still point at them. One of them was the Haringey
 *     SPO, so the Enfield SPO now oversees both teams, more than 900 cases;
 *   - three officers have been off sick for more than three weeks with full caseloads, and a
 *     fourth is sick with no date recorded. One officer has been on leave for ten days, which is
 *     not yet long enough for the cases to count as lost;
 *   - most PO caseloads are 35 to 60, but officers in Haringey and Enfield carry up to 97 cases,
 *     some of them part-time. Two PSOs and two new starters hold high-risk cases, and several
 *     officers have had no supervision for months;
 *   - most cases were seen within their contact standard. The cases of leavers and sick officers
 *     drift for months, a few cases are unallocated or point at an officer missing from the
 *     roster, and a few new cases have never been seen;
 *   - domestic-abuse police checks are missing on about two thirds of flagged cases. About a
 *     third of safeguarding enquiries are missing. Only about a quarter of cases have a
 *     risk-of-harm assessment from the last six months.
 *   - the Probation Reset (since June 2024): about 6% of tiers carry the `S` suffix, and about a
 *     third of the active cases in the final third of their order have the `reset` column (the
 *     Delius PRC registration). Their contact standard no longer applies. A handful of those are
 *     exempt and should be supervised again: very high risk, MAPPA (mappa_level, written as
 *     `2`, `M1`, `Level 3`), or a child safeguarding concern; a few other cases are MAPPA too;
 *   - each case carries its team and PDU (the allocated officer's; for unallocated cases and
 *     those pointing at an officer missing from the roster, the team they came from).
 * The export has a little deliberate dirt so that the data-quality side has something to show:
 * an unreadable risk, an impossible date, a duplicated crn, contacts dated after the export and
 * contacts for a crn that is not in offenders.csv.
 *
 * Re-run:  node scripts/generate-north-london.mjs
 * It writes fixtures/north-london/{officers,offenders,contacts}.csv. The PRNG is seeded and the
 * script never reads the clock, so every run writes byte-identical files.
 * Try:     caseload report fixtures/north-london --as-of 2026-11-16
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from './random.mjs';

// ---------------------------------------------------------------------------------------------
// Story numbers
// ---------------------------------------------------------------------------------------------

const AS_OF = '2026-11-16'; // a Monday
const SEED = 20162023;
const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'north-london');

const REGION_PREFIX = 'N07'; // officer_id = N07 + team letter + 3 digits
const EMAIL_DOMAIN = 'probation.example';

const CONTACT_STANDARD_DAYS = { very_high: 7, high: 7, medium: 14, low: 28, '': 7 };
const LOST_AFTER_DAYS = 56;
const ABSENT_AFTER_DAYS = 21;
const MAX_CASE_AGE_DAYS = 3 * 365; // supervision began up to three years ago
const CONTACT_LOG_DAYS = 365; // contacts.csv covers the year to AS_OF
const STRETCHED_CASELOAD = 70; // officers at or above this see fewer of their cases on time
const UNKNOWN_SICK_SINCE_DAYS = 40; // actual absence of the officer whose status_since is blank

const TERMINATED_SHARE = 0.035;
const CUSTODY_SHARE = 0.03;
const WARRANT_SHARE = 0.01;

const UNALLOCATED_CASES = 8;
const UNKNOWN_OFFICERS = [
  // moved out of the region; their roster rows are gone, but a few cases still point at them
  { id: 'N07E530', cases: 2, leftDaysAgo: 95, team: 'E' },
  { id: 'N07F611', cases: 2, leftDaysAgo: 40, team: 'F' },
];
const NEW_UNSEEN_CASES = 8; // started in the last two weeks, no contact yet
const NEVER_SEEN_CASES = 7; // started months ago, never seen
const SENTENCE_EXPIRED_CASES = 8; // end_date passed, still active
const EMPTY_RISK_CASES = 8;

const DA_FLAG_SHARE = 0.2;
const DA_CHECK_MISSING_SHARE = 2 / 3;
const SAFEGUARDING_FLAG_SHARE = 0.12;
const SAFEGUARDING_CHECK_MISSING_SHARE = 1 / 3;
const ADDRESS_UNKNOWN_SHARE = 0.03; // address_known = no
const ADDRESS_NOT_RECORDED_SHARE = 0.04; // address_known empty
const ASSESSMENT_SHARES = { current: 25, stale: 45, missing: 30 }; // inspectors: a quarter up to standard
const TIER_EMPTY_SHARE = 0.03;
const TIER_S_SUFFIX_SHARE = 0.06;
const LAST_CONTACT_COLUMN_SHARE = 0.15; // offenders.csv last_contact filled on some rows only
const CHAOTIC_SHARE = 0.08; // people who miss many appointments

// Mean days between appointments over the year (the final contact is set by the case's story).
const APPOINTMENT_GAP_DAYS = { very_high: 12, high: 18, medium: 27, low: 40, '': 18 };

const SENTENCE_TYPE_WEIGHTS = { community_order: 45, suspended_sentence: 20, licence: 30, pss: 5 };

const RISK_PROFILES = {
  PO: { low: 23, medium: 44, high: 29, very_high: 4 },
  PQiP: { low: 35, medium: 55, high: 10 },
  PSO: { low: 42, medium: 58 },
  PSO_HIGH: { low: 33, medium: 52, high: 15 }, // the PSOs who were handed high-risk cases
  NEW_STARTER: { low: 25, medium: 50, high: 22, very_high: 3 }, // handed a full mix at once
  SPO: { high: 60, very_high: 40 },
};

// How the last contact of an active case falls, by the state of its officer.
const SEEN_PROFILES = {
  normal: { on_time: 82, overdue: 15, not_seen: 3 },
  stretched: { on_time: 62, overdue: 28, not_seen: 10 },
  uncovered: { drifted: 55, duty: 30, on_time: 15 }, // officer left or sick for weeks
  no_officer: { drifted: 50, duty: 35, on_time: 15 }, // unallocated or unknown officer
};

// ---------------------------------------------------------------------------------------------
// Roster: 45 posts in six teams. caseload = cases still open (not terminated).
// Options: hours, status, since (days before AS_OF), startedDaysAgo (new starters only),
// agency, supervisedDaysAgo (null = never recorded), risk (a RISK_PROFILES key).
// ---------------------------------------------------------------------------------------------

const post = (grade) => (caseload, options = {}) => ({ grade, caseload, ...options });
const spo = post('SPO');
const po = post('PO');
const pso = post('PSO');
const pqip = post('PQiP');

const PDU_CI = 'Camden and Islington';
const PDU_BEH = 'Barnet, Enfield and Haringey';

const TEAMS = [
  {
    letter: 'A', name: 'Camden North', pdu: PDU_CI,
    posts: [
      spo(0),
      po(46), po(50), po(39, { hours: 30 }), pso(41), pqip(24),
      po(43, { status: 'left', since: 63 }),
    ],
  },
  {
    letter: 'B', name: 'Camden South', pdu: PDU_CI,
    posts: [
      spo(2),
      po(52), po(47), po(54, { status: 'sick', since: 38 }),
      pso(45, { supervisedDaysAgo: 130 }), pqip(26),
      po(44, { status: 'left', since: 150 }),
    ],
  },
  {
    letter: 'C', name: 'Islington', pdu: PDU_CI,
    posts: [
      spo(3),
      po(55), po(49), po(60, { hours: 22.5, supervisedDaysAgo: 95 }),
      pso(46, { risk: 'PSO_HIGH' }),
      pqip(29, { startedDaysAgo: 210, risk: 'NEW_STARTER' }), // new starter holding high-risk cases
      po(47, { status: 'left', since: 42 }),
      po(36, { status: 'left', since: 120 }),
    ],
  },
  {
    letter: 'D', name: 'Barnet', pdu: PDU_BEH,
    posts: [
      spo(0),
      po(47), po(42), po(49, { status: 'leave', since: 10 }),
      pso(43, { hours: 30 }),
      po(38, { status: 'left', since: 49 }),
      po(35, { startedDaysAgo: 125, risk: 'NEW_STARTER' }), // new starter holding high and very high risk cases
    ],
  },
  {
    letter: 'E', name: 'Enfield', pdu: PDU_BEH,
    posts: [
      spo(4, { supervisedDaysAgo: 160 }),
      po(74), po(67, { agency: true }), po(65, { status: 'sick', since: 45 }),
      pso(56, { supervisedDaysAgo: null, agency: true }),
      po(59, { status: 'left', since: 77 }),
      pqip(31, { supervisedDaysAgo: 104 }),
    ],
  },
  {
    // The Haringey SPO has left; the Enfield SPO covers, so Haringey officers report to Enfield.
    letter: 'F', name: 'Haringey', pdu: PDU_BEH, managedByTeam: 'E',
    posts: [
      spo(2, { status: 'left', since: 120 }),
      po(97, { supervisedDaysAgo: 121 }), po(89, { agency: true, supervisedDaysAgo: null }),
      po(82, { hours: 30 }), po(76, { status: 'sick', since: 29 }),
      po(71, { status: 'left', since: 24 }), po(63, { status: 'left', since: 180 }),
      pso(58, { risk: 'PSO_HIGH' }),
      pso(52, { status: 'sick', since: null }), // sick, date not recorded
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Synthetic names
// ---------------------------------------------------------------------------------------------

const FIRST_NAMES = [
  'Aaliyah', 'Abdul', 'Adam', 'Adebayo', 'Aisha', 'Alex', 'Amara', 'Amir', 'Andrew', 'Anna',
  'Ayesha', 'Ben', 'Bilal', 'Callum', 'Carlos', 'Charlotte', 'Chidi', 'Chloe', 'Connor', 'Daniel',
  'Darius', 'David', 'Declan', 'Deniz', 'Dylan', 'Efua', 'Elif', 'Ellie', 'Emeka', 'Emma',
  'Fatima', 'Femi', 'Gary', 'Georgia', 'Hannah', 'Hassan', 'Ibrahim', 'Imran', 'Isaac', 'Jack',
  'Jade', 'Jamal', 'James', 'Jason', 'Jordan', 'Joseph', 'Kacper', 'Kai', 'Kemal', 'Kerry',
  'Kwame', 'Laura', 'Lee', 'Leon', 'Liam', 'Lucy', 'Luke', 'Marcus', 'Maria', 'Mark',
  'Mehmet', 'Michael', 'Mohammed', 'Nadia', 'Nathan', 'Nia', 'Oliver', 'Olu', 'Omar', 'Patrick',
  'Paul', 'Priya', 'Rachel', 'Reece', 'Rhys', 'Ricky', 'Rosa', 'Ryan', 'Samir', 'Sarah',
  'Sean', 'Shanice', 'Sophie', 'Stacey', 'Stefan', 'Tariq', 'Thomas', 'Tom', 'Tyrone', 'Yusuf',
  'Zainab', 'Zoe',
];

const SURNAMES = [
  'Ahmed', 'Akhtar', 'Ali', 'Allen', 'Anderson', 'Appiah', 'Baker', 'Barnes', 'Bennett', 'Boateng',
  'Brown', 'Campbell', 'Clarke', 'Cole', 'Collins', 'Cooper', 'Costa', 'Davies', 'Demir', 'Dixon',
  'Doyle', 'Edwards', 'Evans', 'Fernandes', 'Fisher', 'Foster', 'Francis', 'Gordon', 'Graham',
  'Green', 'Griffiths', 'Hall', 'Harris', 'Hassan', 'Hughes', 'Hussain', 'Jackson', 'James',
  'Johnson', 'Jones', 'Kaur', 'Kelly', 'Khan', 'King', 'Kowalski', 'Lewis', 'Lloyd', 'Marshall',
  'Martin', 'Mensah', 'Miller', 'Mitchell', 'Moore', 'Morgan', 'Murphy', 'Nowak', 'Nwosu',
  "O'Brien", "O'Connor", 'Okafor', 'Okonkwo', 'Osei', 'Owusu', 'Palmer', 'Patel', 'Phillips',
  'Price', 'Reid', 'Richards', 'Roberts', 'Robinson', 'Rossi', 'Scott', 'Shah', 'Silva', 'Singh',
  'Smith', 'Stewart', 'Taylor', 'Thomas', 'Thompson', 'Turner', 'Walker', 'Walsh', 'Ward',
  'White', 'Williams', 'Wilson', 'Wood', 'Wright', 'Yilmaz', 'Young',
];

// ---------------------------------------------------------------------------------------------
// Seeded randomness (mulberry32) and small helpers
// ---------------------------------------------------------------------------------------------


const rand = mulberry32(SEED);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const chance = (p) => rand() < p;
const pick = (items) => items[Math.floor(rand() * items.length)];

/** Picks a key of `weights` ({ value: weight }) in proportion to its weight. */
function weighted(weights) {
  const entries = Object.entries(weights);
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = rand() * total;
  for (const [value, w] of entries) {
    r -= w;
    if (r < 0) return value;
  }
  return entries[entries.length - 1][0];
}

function shuffle(items) {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Takes up to n cases matching `test` that have no story yet, and gives them `story`. */
function assignStory(cases, n, story, test) {
  const chosen = shuffle(cases.filter((c) => !c.story && test(c))).slice(0, n);
  for (const c of chosen) c.story = story;
  return chosen;
}

// ---------------------------------------------------------------------------------------------
// Dates as whole UTC days
// ---------------------------------------------------------------------------------------------

const MS_PER_DAY = 86_400_000;
const toDay = (iso) => Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY;
const isoDate = (day) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
const dayOfWeek = (day) => new Date(day * MS_PER_DAY).getUTCDay(); // 0 Sunday .. 6 Saturday

const TODAY = toDay(AS_OF);
const LOG_START = TODAY - CONTACT_LOG_DAYS + 1;

/** The same day if a weekday, else the Friday before. */
function weekdayOnOrBefore(day) {
  const dow = dayOfWeek(day);
  return dow === 6 ? day - 1 : dow === 0 ? day - 2 : day;
}

/** The same day if a weekday, else the Monday after. */
function weekdayOnOrAfter(day) {
  const dow = dayOfWeek(day);
  return dow === 6 ? day + 2 : dow === 0 ? day + 1 : day;
}

const dateOrEmpty = (day) => (day == null ? '' : isoDate(day));
const yesNo = (b) => (b ? 'yes' : 'no');

// ---------------------------------------------------------------------------------------------
// Officers
// ---------------------------------------------------------------------------------------------

function uniqueName(used) {
  for (;;) {
    const name = `${pick(FIRST_NAMES)} ${pick(SURNAMES)}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

function emailFor(name) {
  const [first, last] = name.toLowerCase().replace(/[^a-z ]/g, '').split(' ');
  return `${first}.${last}@${EMAIL_DOMAIN}`;
}

function buildOfficers() {
  const usedNames = new Set();
  const usedIds = new Set(UNKNOWN_OFFICERS.map((u) => u.id));
  const officers = [];
  for (const team of TEAMS) {
    for (const spec of team.posts) {
      let id;
      do id = `${REGION_PREFIX}${team.letter}${int(100, 999)}`; while (usedIds.has(id));
      usedIds.add(id);
      const status = spec.status ?? 'active';
      const absentFrom =
        status === 'active' ? null : TODAY - (spec.since ?? UNKNOWN_SICK_SINCE_DAYS);
      const startDay =
        spec.startedDaysAgo != null
          ? TODAY - spec.startedDaysAgo
          : spec.grade === 'PQiP'
            ? TODAY - int(420, 600) // trainees past their first year
            : TODAY - int(450, 7000);
      officers.push({
        id,
        name: uniqueName(usedNames),
        grade: spec.grade,
        team,
        caseload: spec.caseload,
        hours: spec.hours ?? 37,
        status,
        statusSince: status === 'active' || spec.since === null ? null : absentFrom,
        absentFrom,
        startDay: weekdayOnOrAfter(startDay),
        agency: spec.agency ?? false,
        lastSupervision: supervisionDay(spec, absentFrom),
        riskProfile: spec.risk ?? spec.grade,
      });
    }
  }
  linkManagers(officers);
  return officers;
}

function supervisionDay(spec, absentFrom) {
  if (spec.supervisedDaysAgo === null) return null;
  if (spec.supervisedDaysAgo !== undefined) return weekdayOnOrBefore(TODAY - spec.supervisedDaysAgo);
  const before = absentFrom ?? TODAY;
  return weekdayOnOrBefore(before - int(5, 75));
}

function linkManagers(officers) {
  const spoOfTeam = new Map(officers.filter((o) => o.grade === 'SPO').map((o) => [o.team.letter, o]));
  for (const o of officers) {
    o.manager = o.grade === 'SPO' ? null : spoOfTeam.get(o.team.managedByTeam ?? o.team.letter);
  }
}

const inPost = (o, day) => o.startDay <= day && (o.absentFrom == null || day < o.absentFrom);

// ---------------------------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------------------------

function sentenceLengthDays(type) {
  const months =
    type === 'community_order' ? pick([12, 12, 18, 24, 24, 36])
      : type === 'suspended_sentence' ? pick([12, 18, 24])
        : type === 'licence' ? int(4, 48)
          : 12; // pss
  return Math.round(months * 30.44);
}

function tierFor(risk) {
  if (!risk || chance(TIER_EMPTY_SHARE)) return '';
  const letter = weighted(
    {
      very_high: { A: 90, B: 10 },
      high: { A: 12, B: 58, C: 30 },
      medium: { B: 5, C: 55, D: 40 },
      low: { C: 10, D: 90 },
    }[risk],
  );
  const digit = weighted({ 0: 40, 1: 35, 2: 17, 3: 8 });
  return `${letter}${digit}${chance(TIER_S_SUFFIX_SHARE) ? 'S' : ''}`;
}

function newCrn(used) {
  for (;;) {
    const crn = `X${int(100000, 999999)}`;
    if (!used.has(crn)) {
      used.add(crn);
      return crn;
    }
  }
}

function baseCase(ctx, officer, riskProfile) {
  const sentenceType = weighted(SENTENCE_TYPE_WEIGHTS);
  const risk = weighted(RISK_PROFILES[riskProfile]);
  return {
    crn: newCrn(ctx.crns),
    name: `${pick(FIRST_NAMES)} ${pick(SURNAMES)}`,
    officer,
    officerId: officer ? officer.id : '',
    risk,
    tier: tierFor(risk),
    sentenceType,
    lengthDays: sentenceLengthDays(sentenceType),
    status: 'active',
    story: null,
    chaotic: chance(CHAOTIC_SHARE),
  };
}

/** An open case: supervision began up to three years ago and ends in the future. */
function openCase(ctx, officer, riskProfile) {
  const c = baseCase(ctx, officer, riskProfile);
  const elapsed = int(15, Math.min(MAX_CASE_AGE_DAYS, c.lengthDays - 7));
  c.startDay = TODAY - elapsed;
  c.endDay = c.startDay + c.lengthDays;
  const r = rand();
  if (r < CUSTODY_SHARE) {
    c.status = 'custody';
    c.custodyDay = TODAY - int(14, Math.max(14, Math.min(250, elapsed - 7)));
  } else if (r < CUSTODY_SHARE + WARRANT_SHARE) {
    c.status = 'warrant';
  }
  return c;
}

/** Sets start_date, and an end_date at least a month after AS_OF. */
function startOn(c, startDay) {
  c.startDay = startDay;
  c.endDay = Math.max(startDay + c.lengthDays, TODAY + 30);
}

/** Sets end_date, and a start_date that goes back no further than MAX_CASE_AGE_DAYS. */
function endOn(c, endDay) {
  c.endDay = endDay;
  c.startDay = Math.max(endDay - c.lengthDays, TODAY - MAX_CASE_AGE_DAYS);
}

/** A case that ended (or was revoked) in the past: terminated. */
function terminatedCase(ctx, officer, riskProfile) {
  const c = baseCase(ctx, officer, riskProfile);
  c.status = 'terminated';
  endOn(c, TODAY - int(5, 330));
  return c;
}

function buildCases(officers) {
  const ctx = { crns: new Set() };
  const cases = [];
  for (const o of officers) {
    for (let i = 0; i < o.caseload; i++) {
      cases.push(openCase(ctx, o, o.riskProfile));
      if (chance(TERMINATED_SHARE)) cases.push(terminatedCase(ctx, o, o.riskProfile));
    }
  }
  const teamsByLetter = new Map(TEAMS.map((t) => [t.letter, t]));
  for (let i = 0; i < UNALLOCATED_CASES; i++) {
    const c = openCase(ctx, null, 'PO');
    c.status = 'active';
    c.previousTeam = pick(TEAMS);
    cases.push(c);
  }
  for (const unknown of UNKNOWN_OFFICERS) {
    for (let i = 0; i < unknown.cases; i++) {
      const c = openCase(ctx, null, 'PO');
      c.status = 'active';
      c.officerId = unknown.id;
      c.unknownOfficer = unknown;
      c.previousTeam = teamsByLetter.get(unknown.team);
      cases.push(c);
    }
  }
  assignStoryCases(cases);
  for (const c of cases) addCaseDetails(c);
  return { cases, crns: ctx.crns };
}

const isActive = (c) => c.status === 'active';
const isUncovered = (o) => o != null && o.absentFrom != null && TODAY - o.absentFrom > ABSENT_AFTER_DAYS;

function assignStoryCases(cases) {
  // New allocations: started in the last two weeks, not seen yet.
  for (const c of assignStory(cases, NEW_UNSEEN_CASES, 'new_unseen',
    (c) => isActive(c) && c.officer && c.officer.grade !== 'SPO' && !isUncovered(c.officer))) {
    startOn(c, TODAY - int(1, 14));
  }
  // Never seen for months: mostly with leavers and sick officers, and the unallocated.
  const neverSeen = [
    ...assignStory(cases, 4, 'never_seen', (c) => isActive(c) && isUncovered(c.officer)),
    ...assignStory(cases, 2, 'never_seen', (c) => isActive(c) && !c.officer && !c.unknownOfficer),
    ...assignStory(cases, NEVER_SEEN_CASES - 6, 'never_seen',
      (c) => isActive(c) && c.officer?.caseload >= STRETCHED_CASELOAD && !isUncovered(c.officer)),
  ];
  for (const c of neverSeen) {
    startOn(c, TODAY - int(70, 200));
  }
  // Sentence expired but the case was never closed.
  for (const c of assignStory(cases, SENTENCE_EXPIRED_CASES, 'sentence_expired', isActive)) {
    endOn(c, TODAY - int(3, 60));
  }
  // Risk never assessed.
  for (const c of assignStory(cases, EMPTY_RISK_CASES, 'risk_empty', (c) => c.status !== 'terminated')) {
    c.risk = '';
    c.tier = '';
  }
}

function checkDay(c) {
  // Police and children's services checks are made around sentence.
  return Math.min(TODAY - 1, weekdayOnOrBefore(c.startDay - int(-20, 45)));
}

function addCaseDetails(c) {
  c.addressKnown = chance(ADDRESS_UNKNOWN_SHARE) ? 'no'
    : chance(ADDRESS_NOT_RECORDED_SHARE) ? '' : 'yes';
  c.daFlag = chance(DA_FLAG_SHARE);
  c.daCheck = c.daFlag && !chance(DA_CHECK_MISSING_SHARE) ? checkDay(c) : null;
  c.safeguardingFlag = chance(SAFEGUARDING_FLAG_SHARE);
  c.safeguardingCheck =
    c.safeguardingFlag && !chance(SAFEGUARDING_CHECK_MISSING_SHARE) ? checkDay(c) : null;
  c.lastAssessment = assessmentDay(c);
}

function assessmentDay(c) {
  const kind = c.story === 'new_unseen' ? 'missing' : weighted(ASSESSMENT_SHARES);
  if (kind === 'missing') return null;
  const latest = c.status === 'terminated' ? c.endDay : TODAY;
  if (kind === 'current') return weekdayOnOrBefore(latest - int(1, 180));
  const daysSinceStart = TODAY - c.startDay;
  return weekdayOnOrBefore(TODAY - int(183, Math.max(240, daysSinceStart + 40)));
}

// ---------------------------------------------------------------------------------------------
// Contacts: each case's last contact follows its story; history fills the year before it.
// ---------------------------------------------------------------------------------------------

function seenProfile(c) {
  if (!c.officer) return SEEN_PROFILES.no_officer;
  if (isUncovered(c.officer)) return SEEN_PROFILES.uncovered;
  if (c.officer.caseload >= STRETCHED_CASELOAD) return SEEN_PROFILES.stretched;
  return SEEN_PROFILES.normal;
}

/** Days before AS_OF of the last attended contact, by the kind of story. */
function gapDays(kind, c) {
  const standard = CONTACT_STANDARD_DAYS[c.risk];
  switch (kind) {
    case 'on_time': return int(0, standard);
    case 'overdue': return int(standard + 1, LOST_AFTER_DAYS);
    case 'not_seen': return int(LOST_AFTER_DAYS + 1, 300);
    case 'duty': return int(0, LOST_AFTER_DAYS);
    case 'drifted':
      return c.officer ? TODAY - c.officer.absentFrom + int(0, 40) : int(30, 250);
    default: throw new Error(`unknown gap kind ${kind}`);
  }
}

/** Day of the last attended contact, or null for never seen. Sets c.seenKind. */
function planLastSeen(c) {
  if (c.story === 'new_unseen' || c.story === 'never_seen') {
    c.seenKind = 'never';
    return null;
  }
  let day;
  if (c.status === 'terminated') {
    c.seenKind = 'closed';
    day = c.endDay - int(0, 25);
  } else if (c.status === 'custody') {
    c.seenKind = 'custody';
    day = c.custodyDay - int(1, 20);
  } else if (c.status === 'warrant') {
    c.seenKind = 'warrant';
    day = TODAY - int(60, 200);
  } else {
    c.seenKind = weighted(seenProfile(c));
    day = TODAY - Math.min(gapDays(c.seenKind, c), TODAY - c.startDay);
  }
  day = weekdayOnOrBefore(day);
  if (day < c.startDay) day = weekdayOnOrAfter(c.startDay);
  return day > TODAY ? null : day;
}

function contactOfficerId(c, day) {
  const o = c.officer;
  if (o && inPost(o, day)) return o.id;
  if (c.unknownOfficer && day < TODAY - c.unknownOfficer.leftDaysAgo) return c.unknownOfficer.id;
  // Someone on duty in the team covers.
  const team = o ? o.team : c.previousTeam;
  const onDuty = team.officers.filter((x) => x.grade !== 'SPO' && inPost(x, day));
  if (onDuty.length) return pick(onDuty).id;
  const anyone = team.officers.filter((x) => inPost(x, day));
  return anyone.length ? pick(anyone).id : pick(team.officers).id;
}

function contactType(outcome) {
  if (outcome === 'attended') return weighted({ office: 58, phone: 20, home_visit: 13, video: 9 });
  if (outcome === 'failed_to_attend') return weighted({ office: 85, video: 10, home_visit: 5 });
  return weighted({ office: 80, video: 10, phone: 10 });
}

function routineOutcome(c) {
  return c.chaotic
    ? weighted({ attended: 67, failed_to_attend: 25, acceptable_absence: 8 })
    : weighted({ attended: 92, failed_to_attend: 3, acceptable_absence: 5 });
}

function contactRow(c, day, outcome) {
  return { crn: c.crn, day, outcome, type: contactType(outcome), officerId: contactOfficerId(c, day) };
}

/** Missed appointments (n of them) between two days, inclusive. */
function missedBetween(c, from, to, n) {
  const rows = [];
  for (let i = 0; i < n && from <= to; i++) {
    const day = weekdayOnOrBefore(int(from, to));
    if (day < from) continue;
    rows.push(contactRow(c, day, chance(0.8) ? 'failed_to_attend' : 'acceptable_absence'));
  }
  return rows;
}

function caseContacts(c) {
  const rows = [];
  const lastSeen = c.lastSeen;
  if (lastSeen != null) {
    const gap = APPOINTMENT_GAP_DAYS[c.risk];
    const first = Math.max(c.startDay, LOG_START);
    let day = c.startDay >= LOG_START ? c.startDay + int(1, 5) : first + int(0, gap);
    while (day < lastSeen - 1) {
      const d = weekdayOnOrBefore(day);
      if (d >= first && d < lastSeen && d !== rows.at(-1)?.day) rows.push(contactRow(c, d, routineOutcome(c)));
      day += Math.max(2, Math.round(gap * (0.6 + 0.8 * rand())));
    }
    if (lastSeen >= LOG_START) rows.push(contactRow(c, lastSeen, 'attended'));
  }
  // Appointments missed since the last contact.
  switch (c.seenKind) {
    case 'overdue':
    case 'not_seen':
    case 'duty':
      if (chance(0.5)) rows.push(...missedBetween(c, lastSeen + 1, TODAY, int(1, 2)));
      break;
    case 'never':
      if (c.story === 'never_seen') rows.push(...missedBetween(c, c.startDay + 1, TODAY, int(0, 2)));
      else if (chance(0.4)) rows.push(...missedBetween(c, c.startDay + 1, TODAY, 1));
      break;
    case 'warrant':
      rows.push(...missedBetween(c, lastSeen + 7, Math.min(TODAY, lastSeen + 40), int(2, 3)));
      break;
    default:
      break;
  }
  return rows.filter((r) => r.day >= LOG_START && r.day <= TODAY);
}

/**
 * offenders.csv carries last_contact on some rows: usually the same as the contact log, sometimes
 * a contact only recorded there (so the log stops earlier), sometimes a stale older date.
 */
function fillLastContactColumn(c, rows) {
  c.lastContactColumn = null;
  if (c.lastSeen == null || c.story || !chance(LAST_CONTACT_COLUMN_SHARE)) return rows;
  const kind = weighted({ same: 55, column_only: 25, stale: 20 });
  if (kind === 'same') {
    c.lastContactColumn = c.lastSeen;
    return rows;
  }
  if (kind === 'column_only') {
    c.lastContactColumn = c.lastSeen;
    return rows.filter((r) => !(r.day === c.lastSeen && r.outcome === 'attended'));
  }
  const earlier = rows.filter((r) => r.outcome === 'attended' && r.day < c.lastSeen);
  if (earlier.length) c.lastContactColumn = pick(earlier).day;
  return rows;
}

function buildContacts(cases) {
  const rows = [];
  for (const c of cases) {
    c.lastSeen = planLastSeen(c);
    rows.push(...fillLastContactColumn(c, caseContacts(c)));
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Probation Reset, MAPPA and the case's own team (a PRNG of its own, drawn after everything
// else, so the rest of the export is what it was before these columns)
// ---------------------------------------------------------------------------------------------

const RESET_MARKED_SHARE = 0.35; // of active, allocated cases in their final third
const MAPPA_SHARE = 0.03; // of other cases
const MAPPA_WRITTEN = ['1', '2', '3', 'M1', 'M2', 'Level 1', 'Level 2', 'Level 3'];
const RESET_EXEMPT_MAPPA_CASES = 4; // marked cases that are MAPPA managed: supervision resumes

function addResetStory(cases) {
  const next = mulberry32(SEED + 2024);
  const resetChance = (p) => next() < p;
  const resetPick = (items) => items[Math.floor(next() * items.length)];
  for (const c of cases) {
    const team = c.officer ? c.officer.team : c.previousTeam;
    c.caseTeam = team ? team.name : '';
    c.casePdu = team ? team.pdu : '';
    c.resetMarked = false;
    c.mappa = '';
    if (c.status !== 'active' || !c.officer || c.story) continue;
    const resetDay = c.startDay + Math.floor((2 * (c.endDay - c.startDay)) / 3);
    if (TODAY >= resetDay && resetChance(RESET_MARKED_SHARE)) c.resetMarked = true;
    else if (resetChance(MAPPA_SHARE)) c.mappa = resetPick(MAPPA_WRITTEN);
  }
  const marked = cases.filter((c) => c.resetMarked && c.risk !== 'very_high' && !c.safeguardingFlag);
  for (let i = 0; i < RESET_EXEMPT_MAPPA_CASES && marked.length > 0; i++) {
    marked.splice(Math.floor(next() * marked.length), 1)[0].mappa = resetPick(MAPPA_WRITTEN);
  }
  // Most cases say so: none, or 0.
  for (const c of cases) if (c.mappa === '' && resetChance(0.5)) c.mappa = resetChance(0.5) ? 'none' : '0';
}

// ---------------------------------------------------------------------------------------------
// Deliberate dirt (small)
// ---------------------------------------------------------------------------------------------

function addDirt(cases, contacts, crns) {
  const candidates = shuffle(cases.filter((c) => isActive(c) && !c.story && c.officer));

  // A risk nobody can read.
  const mediumish = candidates.find((c) => c.risk === 'medium');
  mediumish.riskText = 'mediumish';
  mediumish.story = 'dirty_risk';

  // An impossible date typed by hand.
  const badDate = candidates.find((c) => !c.story && c.lastAssessment != null);
  badDate.lastAssessmentText = '31/02/2026';
  badDate.story = 'dirty_date';

  // A crn listed twice: an old row from before the case moved to its current officer.
  const moved = candidates.find((c) => !c.story && c.risk === 'high' && !isUncovered(c.officer));
  moved.story = 'duplicate';
  const leaver = cases.find((c) => c.officer?.status === 'left')?.officer;
  const staleRow = { ...moved, officer: leaver, officerId: leaver.id, risk: 'medium', tier: 'C1', staleDuplicate: true };

  // Contacts dated after the export (a booked appointment, and two typing slips).
  const late = shuffle(cases.filter((c) => isActive(c) && c.seenKind === 'not_seen')).slice(0, 3);
  const future = [
    { day: TODAY + 2, outcome: 'attended' },
    { day: TODAY + 7, outcome: '' },
    { day: TODAY + 365, outcome: 'attended' },
  ];
  future.forEach((f, i) => {
    contacts.push({ crn: late[i].crn, day: f.day, outcome: f.outcome, type: 'office', officerId: late[i].officerId });
  });

  // Contacts for a crn that is not in offenders.csv (transferred out before the export).
  const orphan = newCrn(crns);
  const orphanOfficer = cases.find((c) => c.officer?.status === 'active' && c.officer.grade === 'PO').officer;
  for (const back of [30, 16, 2]) {
    contacts.push({
      crn: orphan,
      day: weekdayOnOrBefore(TODAY - back),
      outcome: back === 16 ? 'failed_to_attend' : 'attended',
      type: 'office',
      officerId: orphanOfficer.id,
    });
  }
  return { staleRow };
}

// ---------------------------------------------------------------------------------------------
// CSV output (RFC 4180, LF line ends, quoted only where needed)
// ---------------------------------------------------------------------------------------------

function csvField(value) {
  const s = value == null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function toCsv(header, rows) {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

const OFFICER_HEADER = ['officer_id', 'name', 'grade', 'team', 'pdu', 'manager_id', 'contracted_hours',
  'status', 'status_since', 'start_date', 'agency', 'last_supervision', 'email'];

const OFFENDER_HEADER = ['crn', 'name', 'officer_id', 'risk', 'tier', 'sentence_type', 'start_date',
  'end_date', 'last_contact', 'address_known', 'da_flag', 'da_check', 'safeguarding_flag',
  'safeguarding_check', 'last_assessment', 'status', 'team', 'pdu', 'reset', 'mappa_level'];

const CONTACT_HEADER = ['crn', 'date', 'outcome', 'type', 'officer_id'];

const officerRow = (o) => [
  o.id, o.name, o.grade, o.team.name, o.team.pdu, o.manager ? o.manager.id : '', o.hours,
  o.status, dateOrEmpty(o.statusSince), isoDate(o.startDay), yesNo(o.agency),
  dateOrEmpty(o.lastSupervision), emailFor(o.name),
];

const offenderRow = (c) => [
  c.crn, c.name, c.officerId, c.staleDuplicate ? c.risk : (c.riskText ?? c.risk), c.tier,
  c.sentenceType, isoDate(c.startDay), isoDate(c.endDay), dateOrEmpty(c.lastContactColumn),
  c.addressKnown, yesNo(c.daFlag), dateOrEmpty(c.daCheck), yesNo(c.safeguardingFlag),
  dateOrEmpty(c.safeguardingCheck), c.lastAssessmentText ?? dateOrEmpty(c.lastAssessment), c.status,
  c.caseTeam, c.casePdu, yesNo(c.resetMarked), c.mappa,
];

const contactCsvRow = (r) => [r.crn, isoDate(r.day), r.outcome, r.type, r.officerId];

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

function main() {
  const officers = buildOfficers();
  for (const team of TEAMS) team.officers = officers.filter((o) => o.team === team);

  const { cases, crns } = buildCases(officers);
  const contacts = buildContacts(cases);
  const { staleRow } = addDirt(cases, contacts, crns);
  addResetStory([...cases, staleRow]);

  // Offenders in crn order, as the case system exports them; the stale duplicate sits in
  // that order and the current row comes last, as a late amendment.
  const byCrn = (a, b) => (a.crn < b.crn ? -1 : a.crn > b.crn ? 1 : 0);
  const current = cases.find((c) => c.story === 'duplicate');
  const offenderRows = [...cases.filter((c) => c !== current), staleRow].sort(byCrn);
  offenderRows.push(current);

  contacts.forEach((r, i) => { r.seq = i; });
  contacts.sort((a, b) => a.day - b.day || byCrn(a, b) || a.seq - b.seq);

  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'officers.csv'), toCsv(OFFICER_HEADER, officers.map(officerRow)));
  writeFileSync(join(OUT_DIR, 'offenders.csv'), toCsv(OFFENDER_HEADER, offenderRows.map(offenderRow)));
  writeFileSync(join(OUT_DIR, 'contacts.csv'), toCsv(CONTACT_HEADER, contacts.map(contactCsvRow)));

  console.log(
    `wrote ${OUT_DIR}: ${officers.length} officers, ${offenderRows.length} offender rows, ` +
      `${contacts.length} contacts (as of ${AS_OF})`,
  );
}

main();
