#!/usr/bin/env node
/*
 * Synthetic probation exports for the benchmark, at three scales (london, national, large).
 *
 * Deterministic: every random choice comes from a seeded mulberry32 stream, one stream per file
 * (so the offenders of london and london-contacts10 are byte-identical), and the clock is never
 * read. Fast: rows are appended to a string batch of about 1 MB which is written with
 * fs.writeSync on an open fd, so there is no per-row syscall and no unbounded buffering.
 *
 * Exports are cached under .bench-cache/<scale>[-variant]/ at the repo root with a `.complete`
 * marker written last; a cache whose marker is missing or names another GENERATOR_VERSION is
 * regenerated.
 *
 * Usage:  node bench/generate.js [--scale london|national|large] [--variant quoted|contacts10] [--force]
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { mulberry32 } from '../scripts/random.mjs';

// Bump whenever the output of a given scale/variant changes, so stale caches are rebuilt.
export const GENERATOR_VERSION = '1';

export const AS_OF = '2026-11-16';
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE_ROOT = join(REPO_ROOT, '.bench-cache');
const MARKER = '.complete';

/** Sizes: about 100 cases per officer and 10 contacts per case over the year, as in a real PDU. */
export const SCALES = {
  london: { cases: 40_000, contacts: 400_000, officers: 400 },
  national: { cases: 250_000, contacts: 2_500_000, officers: 2_500 },
  large: { cases: 1_000_000, contacts: 10_000_000, officers: 10_000 },
};

/**
 * quoted: the same rows, every field in double quotes and CRLF line ends (an Excel-style export).
 * contacts10: the same officers and cases with ten times the contacts, to check that memory does
 * not grow with the contact log (contacts should be folded into cases as they stream past).
 */
export const VARIANTS = {
  quoted: { quoted: true, contactsFactor: 1 },
  contacts10: { quoted: false, contactsFactor: 10 },
};
const PLAIN = { quoted: false, contactsFactor: 1 };

const BATCH_CHARS = 1 << 20; // ~1 MB of ASCII per writeSync
const CONTACT_LOG_DAYS = 365; // contacts.csv covers the year to AS_OF
const MAX_CASE_AGE_DAYS = 3 * 365; // supervision began up to three years ago
const DATE_TABLE_PAST_DAYS = 4000; // furthest date written: officer start dates, ~11 years back
const DATE_TABLE_FUTURE_DAYS = 1500; // furthest end_date: start + 3 years
/** The weekly series for `trend`: this many exports, a week apart, the last as of AS_OF. */
export const WEEKLY_EXPORTS = 8;
const WEEKLY_MAX_DAYS_BACK = 7 * 52; // room in the date table for up to a year of weeks

const OFFICER_HEADER = ['officer_id', 'name', 'grade', 'team', 'pdu', 'manager_id', 'contracted_hours', 'status',
  'status_since', 'start_date', 'agency', 'last_supervision', 'email'];
const OFFENDER_HEADER = ['crn', 'name', 'officer_id', 'risk', 'tier', 'sentence_type', 'start_date', 'end_date',
  'last_contact', 'address_known', 'da_flag', 'da_check', 'safeguarding_flag', 'safeguarding_check',
  'last_assessment', 'status'];
const CONTACT_HEADER = ['crn', 'date', 'outcome', 'type', 'officer_id'];

// --- Roster shape ------------------------------------------------------------------------------

const TEAM_SIZE = 8; // one SPO and seven case-holding officers
const TEAMS_PER_PDU = 6;
const GRADE_WEIGHTS = { PO: 55, PSO: 30, PQiP: 15 }; // of the non-SPO posts
const OFFICER_STATUS_WEIGHTS = { active: 915, sick: 30, leave: 20, left: 30, suspended: 5 };
const STATUS_SINCE_RANGE = { sick: [1, 120], leave: [1, 30], left: [7, 200], suspended: [10, 90] };
const PART_TIME_SHARE = 0.15;
const PART_TIME_HOURS = ['30', '22.5', '18.5'];
const AGENCY_SHARE = 0.08;
const NEVER_SUPERVISED_SHARE = 0.05;
// Relative caseload by grade: SPOs hold none, trainees and PSOs hold fewer cases.
const CASELOAD_WEIGHT = { SPO: 0, PO: 1, PSO: 0.8, PQiP: 0.6 };
const PLACES = ['Camden', 'Leeds', 'Bristol', 'Cardiff', 'Hull', 'Derby', 'Luton', 'Kent', 'Essex', 'Wigan',
  'Bolton', 'Durham', 'Exeter', 'Lincoln', 'Norwich', 'Oxford', 'Reading', 'Salford', 'Stoke', 'York'];

// --- Case mix ------------------------------------------------------------------------------------

const CASE_STATUS_WEIGHTS = { active: 915, custody: 30, warrant: 10, terminated: 35, '': 10 };
const RISK_WEIGHTS = { low: 30, medium: 45, high: 20, very_high: 2.5, '': 1 };
// Exports spell risk in several ways; a few rows use the other accepted forms (SPEC 1.2).
const RISK_SPELLING_SHARE = 0.02;
const RISK_SPELLINGS = { low: ['L', 'RLRH', 'Low'], medium: ['M', 'RMRH', 'Medium'], high: ['H', 'RHRH', 'High'],
  very_high: ['VH', 'RVHR', 'Very High'] };
// Tier letter follows risk; the digit is need (0-3).
const TIER_LETTERS = { very_high: 'A', high: 'AB', medium: 'BC', low: 'CD', '': 'BCD' };
const TIER_EMPTY_SHARE = 0.03;
const TIER_S_SUFFIX_SHARE = 0.05;
const SENTENCE_WEIGHTS = { community_order: 45, suspended_sentence: 20, licence: 30, pss: 5 };
const UNALLOCATED_SHARE = 0.005; // officer_id empty
const UNKNOWN_OFFICER_SHARE = 0.001; // officer_id not on the roster
const SENTENCE_EXPIRED_SHARE = 0.01; // end_date passed, case still open
const LAST_CONTACT_COLUMN_SHARE = 0.15; // offenders.csv last_contact filled on some rows only
const ADDRESS_WEIGHTS = { yes: 93, no: 3, '': 4 };
const DA_FLAG_SHARE = 0.2;
const DA_CHECK_MISSING_SHARE = 0.4;
const SAFEGUARDING_FLAG_SHARE = 0.12;
const SAFEGUARDING_CHECK_MISSING_SHARE = 0.3;
const ASSESSMENT_WEIGHTS = { current: 45, stale: 35, missing: 20 };

// How often each case is seen: higher risk, more appointments (drives the contact draw).
// Share of the contact log per case: higher risk, more appointments; custody and warrant few.
const CONTACT_WEIGHT_BY_RISK = { very_high: 4, high: 3, medium: 1.5, low: 0.75, '': 2 };
const CONTACT_WEIGHT_BY_STATUS = { active: 1, '': 1, custody: 0.1, warrant: 0.3, terminated: 0.6 };
// Appointments are booked at about the contact standard (SPEC 2.1); custody cases monthly.
const CONTACT_INTERVAL_DAYS = { very_high: 7, high: 7, medium: 14, low: 28, '': 7 };
const CUSTODY_INTERVAL_DAYS = 28;
const ON_TIME_STRETCH = [0.6, 1.0]; // most cases are seen a little inside the standard
const SLIPPING_CASE_SHARE = 0.2; // the rest slip, up to MAX_SLIP times the standard
const MAX_SLIP = 2.5;
const CONTACT_JITTER_DAYS = 2;
const WEEKEND_KEEP_SHARE = 0.05; // a little weekend and out-of-hours work
const OUTCOME_WEIGHTS = { attended: 85, failed_to_attend: 8, acceptable_absence: 5, rescheduled: 2 };
const TYPE_WEIGHTS = { office: 60, home_visit: 15, phone: 18, video: 7 };
const DUTY_OFFICER_SHARE = 0.1; // contact made by someone other than the responsible officer
const UNKNOWN_CRN_CONTACT_SHARE = 0.0001; // a little dirt: a contact for a crn not in offenders.csv

const FIRST_NAMES = ['Aaliyah', 'Abdul', 'Adam', 'Aisha', 'Alex', 'Amara', 'Amir', 'Andrew', 'Anna', 'Ben',
  'Bilal', 'Callum', 'Carlos', 'Chloe', 'Connor', 'Daniel', 'David', 'Declan', 'Dylan', 'Elif', 'Emma',
  'Fatima', 'Femi', 'Gary', 'Hannah', 'Hassan', 'Isaac', 'Jack', 'Jade', 'Jamal', 'James', 'Jordan',
  'Kacper', 'Kai', 'Kerry', 'Kwame', 'Laura', 'Leon', 'Liam', 'Lucy', 'Marcus', 'Maria', 'Mark', 'Nadia',
  'Nathan', 'Oliver', 'Omar', 'Paul', 'Priya', 'Rachel', 'Ryan', 'Sarah', 'Sean', 'Sophie', 'Tariq', 'Zoe'];
const SURNAMES = ['Ahmed', 'Ali', 'Allen', 'Baker', 'Bennett', 'Boateng', 'Brown', 'Clarke', 'Cooper', 'Davies',
  'Evans', 'Green', 'Hall', 'Harris', 'Hughes', 'Hussain', 'Jackson', 'James', 'Johnson', 'Jones', 'Kelly',
  'Khan', 'Kowalski', 'Lewis', 'Martin', 'Mensah', 'Murphy', 'Nowak', 'Okafor', "O'Brien", 'Patel', 'Roberts',
  'Robinson', 'Shah', 'Smith', 'Taylor', 'Thomas', 'Thompson', 'Turner', 'Walker', 'White', 'Williams',
  'Wilson', 'Wood', 'Wright', 'Yilmaz'];

// --- Randomness ----------------------------------------------------------------------------------


/** FNV-1a of a label, so each (scale, file) gets its own independent stream. */
function seedFor(label) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

const intBetween = (rng, lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
const pickFrom = (rng, list) => list[Math.floor(rng() * list.length)];

/** A weighted choice over an object's keys, prepared once: { pick(rng) }. */
function weighted(weights) {
  const values = Object.keys(weights);
  const cumulative = [];
  let total = 0;
  for (const value of values) cumulative.push((total += weights[value]));
  return {
    pick(rng) {
      const x = rng() * total;
      for (let i = 0; i < cumulative.length; i++) if (x < cumulative[i]) return values[i];
      return values[values.length - 1];
    },
  };
}

/** Index i with probability weight[i] / total, by binary search on running totals. */
function drawIndex(cumulative, rng) {
  const x = rng() * cumulative[cumulative.length - 1];
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function runningTotals(weights) {
  const totals = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) totals[i] = sum += weights[i];
  return totals;
}

// --- Dates ---------------------------------------------------------------------------------------

/** Every date string we may write, precomputed once: dateAgo(n) is AS_OF minus n days. */
const DATE_TABLE = (() => {
  const asOfMs = Date.parse(`${AS_OF}T00:00:00Z`);
  const table = [];
  for (let n = -DATE_TABLE_FUTURE_DAYS; n <= DATE_TABLE_PAST_DAYS + WEEKLY_MAX_DAYS_BACK; n++) {
    table.push(new Date(asOfMs - n * 86_400_000).toISOString().slice(0, 10));
  }
  return table;
})();
/**
 * Days the export being written is dated before AS_OF: 0 for the single-export scales, 7k for
 * the weekly series `trend` is benchmarked on (set by generate() while it writes one week).
 */
let weeksBackDays = 0;
const dateAgo = (days) => DATE_TABLE[days + weeksBackDays + DATE_TABLE_FUTURE_DAYS];
/** 0 = Sunday; AS_OF is a Monday. */
const weekdayAgo = (days) => (((1 - days) % 7) + 7) % 7;

// --- Output --------------------------------------------------------------------------------------

/** Appends rows to a ~1 MB string and writes it with writeSync: few syscalls, bounded memory. */
class CsvFile {
  constructor(path, style) {
    this.fd = openSync(path, 'w');
    this.buffer = '';
    this.rows = 0;
    this.open = style.quoted ? '"' : '';
    this.separator = style.quoted ? '","' : ',';
    this.end = style.quoted ? '"\r\n' : '\n';
  }

  header(fields) {
    this.buffer += this.open + fields.join(this.separator) + this.end;
  }

  row(fields) {
    this.buffer += this.open + fields.join(this.separator) + this.end;
    this.rows++;
    if (this.buffer.length >= BATCH_CHARS) this.flush();
  }

  flush() {
    if (this.buffer.length > 0) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  close() {
    this.flush();
    closeSync(this.fd);
    return this.rows;
  }
}

// --- Officers ------------------------------------------------------------------------------------

const officerId = (i) => `OM${String(i).padStart(6, '0')}`;
const personName = (rng) => `${pickFrom(rng, FIRST_NAMES)} ${pickFrom(rng, SURNAMES)}`;

/** Writes officers.csv; returns what cases need: ids, statuses and caseload weights. */
function writeOfficers(path, count, style, scaleName) {
  const rng = mulberry32(seedFor(`${scaleName}:officers`));
  const gradePick = weighted(GRADE_WEIGHTS);
  const statusPick = weighted(OFFICER_STATUS_WEIGHTS);
  const file = new CsvFile(path, style);
  file.header(OFFICER_HEADER);

  const ids = [];
  const statuses = [];
  const statusSinceDays = new Int32Array(count); // days ago the absence began, 0 when active
  const caseloadWeights = new Float64Array(count);
  let manager = '';
  for (let i = 0; i < count; i++) {
    const id = officerId(i);
    const teamIndex = Math.floor(i / TEAM_SIZE);
    const pduIndex = Math.floor(teamIndex / TEAMS_PER_PDU);
    const isSpo = i % TEAM_SIZE === 0;
    const grade = isSpo ? 'SPO' : gradePick.pick(rng);
    if (isSpo) manager = id;
    const status = statusPick.pick(rng);
    const sinceDays = status === 'active' ? 0 : intBetween(rng, ...STATUS_SINCE_RANGE[status]);
    const hours = rng() < PART_TIME_SHARE ? pickFrom(rng, PART_TIME_HOURS) : '37';
    const name = personName(rng);
    const supervisedDays = rng() < NEVER_SUPERVISED_SHARE ? null : intBetween(rng, 7, 200);
    const pdu = `${PLACES[pduIndex % PLACES.length]} ${Math.floor(pduIndex / PLACES.length) + 1}`;
    file.row([
      id, name, grade, `${pdu} team ${(teamIndex % TEAMS_PER_PDU) + 1}`, pdu,
      isSpo ? '' : manager, hours, status, status === 'active' ? '' : dateAgo(sinceDays),
      dateAgo(intBetween(rng, Math.max(30, sinceDays), DATE_TABLE_PAST_DAYS)), rng() < AGENCY_SHARE ? 'yes' : 'no',
      supervisedDays === null ? '' : dateAgo(supervisedDays),
      `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${i}@probation.example`,
    ]);
    ids.push(id);
    statuses.push(status);
    statusSinceDays[i] = sinceDays;
    caseloadWeights[i] = CASELOAD_WEIGHT[grade] * (Number(hours) / 37);
  }
  return { rows: file.close(), ids, statuses, statusSinceDays, caseloadTotals: runningTotals(caseloadWeights) };
}

// --- Offenders -----------------------------------------------------------------------------------

const crnOf = (i) => `X${1_000_000 + i}`; // unique, 8 characters up to 1M cases (X1999999)

function tierFor(rng, risk) {
  if (rng() < TIER_EMPTY_SHARE) return '';
  const tier = pickFrom(rng, TIER_LETTERS[risk]) + intBetween(rng, 0, 3);
  return rng() < TIER_S_SUFFIX_SHARE ? `${tier}S` : tier;
}

function spellRisk(rng, risk) {
  return risk !== '' && rng() < RISK_SPELLING_SHARE ? pickFrom(rng, RISK_SPELLINGS[risk]) : risk;
}

/** Days ago of a check that exists, or '' for a flag whose check is missing. */
function checkDate(rng, flagged, missingShare, startDays) {
  if (!flagged || rng() < missingShare) return '';
  return dateAgo(intBetween(rng, 0, startDays));
}

function assessmentDate(rng, pick) {
  const kind = pick.pick(rng);
  if (kind === 'missing') return '';
  return dateAgo(kind === 'current' ? intBetween(rng, 0, 180) : intBetween(rng, 183, 900));
}

/**
 * Writes offenders.csv. Returns, per case, what the contact draw needs: the responsible officer
 * and the window of days (ago) in which the person was seen: from the start of supervision to
 * when contact stopped (the officer left or went sick, a warrant was issued, the order ended).
 */
function writeOffenders(path, count, officers, style, scaleName) {
  const rng = mulberry32(seedFor(`${scaleName}:offenders`));
  const picks = {
    status: weighted(CASE_STATUS_WEIGHTS), risk: weighted(RISK_WEIGHTS), sentence: weighted(SENTENCE_WEIGHTS),
    address: weighted(ADDRESS_WEIGHTS), assessment: weighted(ASSESSMENT_WEIGHTS),
  };
  const file = new CsvFile(path, style);
  file.header(OFFENDER_HEADER);

  const caseOfficer = new Array(count);
  const firstDay = new Int32Array(count); // contacts on days ago in [lastDay, firstDay]
  const lastDay = new Int32Array(count);
  const contactWeights = new Float64Array(count);
  const intervalDays = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const { officer, officerIndex } = allocate(rng, officers);
    const status = picks.status.pick(rng);
    const risk = picks.risk.pick(rng);
    const startDays = intBetween(rng, 0, MAX_CASE_AGE_DAYS);
    const endDays = endDaysFor(rng, status, startDays);
    const stopDays = contactStopDays(rng, status, endDays, officers, officerIndex);
    const daFlag = rng() < DA_FLAG_SHARE;
    const sgFlag = rng() < SAFEGUARDING_FLAG_SHARE;
    const lastContactColumn = rng() < LAST_CONTACT_COLUMN_SHARE && startDays > stopDays
      ? dateAgo(intBetween(rng, stopDays, Math.min(startDays, CONTACT_LOG_DAYS))) : '';
    file.row([
      crnOf(i), personName(rng), officer, spellRisk(rng, risk), tierFor(rng, risk), picks.sentence.pick(rng),
      dateAgo(startDays), dateAgo(endDays), lastContactColumn, picks.address.pick(rng),
      daFlag ? 'yes' : 'no', checkDate(rng, daFlag, DA_CHECK_MISSING_SHARE, startDays),
      sgFlag ? 'yes' : 'no', checkDate(rng, sgFlag, SAFEGUARDING_CHECK_MISSING_SHARE, startDays),
      assessmentDate(rng, picks.assessment), status,
    ]);
    caseOfficer[i] = officer;
    firstDay[i] = Math.min(startDays, CONTACT_LOG_DAYS);
    lastDay[i] = stopDays;
    contactWeights[i] = stopDays > firstDay[i] ? 0 : CONTACT_WEIGHT_BY_RISK[risk] * CONTACT_WEIGHT_BY_STATUS[status];
    intervalDays[i] = status === 'custody' ? CUSTODY_INTERVAL_DAYS : CONTACT_INTERVAL_DAYS[risk];
  }
  return { rows: file.close(), caseOfficer, firstDay, lastDay, contactWeights, intervalDays };
}

/** Days ago supervision ends (negative: in the future). Terminated orders ended in the past year. */
function endDaysFor(rng, status, startDays) {
  if (status === 'terminated') return startDays === 0 ? 0 : intBetween(rng, 1, Math.min(startDays, 300));
  if (startDays > 0 && rng() < SENTENCE_EXPIRED_SHARE) return intBetween(rng, 1, Math.min(startDays, 60));
  return -intBetween(rng, 1, MAX_CASE_AGE_DAYS);
}

/** The responsible officer: mostly drawn by caseload weight; a few unallocated or off-roster. */
function allocate(rng, officers) {
  const x = rng();
  if (x < UNALLOCATED_SHARE) return { officer: '', officerIndex: -1 };
  if (x < UNALLOCATED_SHARE + UNKNOWN_OFFICER_SHARE) {
    return { officer: `ZZ${String(intBetween(rng, 0, 9999)).padStart(4, '0')}`, officerIndex: -1 };
  }
  const officerIndex = drawIndex(officers.caseloadTotals, rng);
  return { officer: officers.ids[officerIndex], officerIndex };
}

/** Days ago the person stopped being seen (0: still seen). Cases drift when nobody covers. */
function contactStopDays(rng, status, endDays, officers, officerIndex) {
  if (status === 'terminated') return endDays;
  if (status === 'warrant') return intBetween(rng, 10, 200);
  if (officerIndex >= 0 && (officers.statuses[officerIndex] === 'left' || officers.statuses[officerIndex] === 'sick')) {
    return officers.statusSinceDays[officerIndex];
  }
  return 0;
}

// --- Contacts ------------------------------------------------------------------------------------

/**
 * How many contacts each case gets, proportional to its weight and summing exactly to `total`
 * (systematic sampling: floor of running totals from one random offset).
 */
function contactCounts(rng, weights, total) {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i];
  const counts = new Int32Array(weights.length);
  let running = rng();
  let given = 0;
  let last = -1;
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] === 0) continue;
    const next = running + (total * weights[i]) / sum;
    counts[i] = Math.floor(next) - Math.floor(running);
    given += counts[i];
    running = next;
    last = i;
  }
  if (last >= 0) counts[last] = Math.max(0, counts[last] + total - given); // floating-point rounding
  return counts;
}

/** Officers see people on weekdays: move most weekend contacts to a weekday of the same week. */
function weekdayFor(rng, days, first) {
  const weekday = weekdayAgo(days);
  if ((weekday !== 0 && weekday !== 6) || rng() < WEEKEND_KEEP_SHARE) return days;
  // Saturday is 1 day after Friday and 5 after Monday; Sunday one more.
  const moved = days + intBetween(rng, 1, 5) + (weekday === 0 ? 1 : 0);
  return moved <= first ? moved : days;
}

/**
 * Days ago of each case's contacts, most recent first: one every `interval` days back from when
 * contact stopped, the interval being the contact standard stretched or squeezed per case (some
 * officers keep up, some slip), and squeezed further when the case's share of the log would not
 * otherwise fit its supervision window.
 */
function scheduleCase(rng, cases, i, count, days, at) {
  const first = cases.firstDay[i];
  const last = cases.lastDay[i];
  const slipping = rng() < SLIPPING_CASE_SHARE;
  const stretch = slipping ? 1 + rng() * (MAX_SLIP - 1) : ON_TIME_STRETCH[0] + rng() * (ON_TIME_STRETCH[1] - ON_TIME_STRETCH[0]);
  const interval = Math.min(cases.intervalDays[i] * stretch, (first - last + 1) / count);
  const phase = rng() * interval;
  for (let k = 0; k < count; k++) {
    const planned = Math.floor(last + phase + k * interval);
    // Jitter only inside the window: clamping would pile contacts up on its edges.
    const jittered = planned + Math.round((rng() - 0.5) * 2 * CONTACT_JITTER_DAYS);
    const day = jittered >= last && jittered <= first ? jittered : planned;
    days[at + k] = weekdayFor(rng, day, first);
  }
}

/** All contacts as parallel arrays (case index, days ago), bucketed oldest day first. */
function scheduleContacts(rng, cases, total) {
  const counts = contactCounts(rng, cases.contactWeights, total);
  const caseOf = new Int32Array(total);
  const dayOf = new Int16Array(total);
  let at = 0;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] === 0) continue;
    scheduleCase(rng, cases, i, counts[i], dayOf, at);
    caseOf.fill(i, at, at + counts[i]);
    at += counts[i];
  }
  // Counting sort by day, oldest first, so the log reads in date order like a real export.
  const perDay = new Int32Array(CONTACT_LOG_DAYS + 2);
  for (let n = 0; n < total; n++) perDay[CONTACT_LOG_DAYS - dayOf[n] + 1]++;
  for (let d = 1; d < perDay.length; d++) perDay[d] += perDay[d - 1];
  const sorted = new Int32Array(total);
  const cursor = perDay.slice(0, CONTACT_LOG_DAYS + 1);
  for (let n = 0; n < total; n++) sorted[cursor[CONTACT_LOG_DAYS - dayOf[n]]++] = caseOf[n];
  return { sorted, dayStarts: perDay };
}

/** Writes contacts.csv in date order, as a contact log is exported. */
function writeContacts(path, total, cases, officers, style, seedLabel) {
  const rng = mulberry32(seedFor(seedLabel));
  const { sorted, dayStarts } = scheduleContacts(rng, cases, total);
  const outcomePick = weighted(OUTCOME_WEIGHTS);
  const typePick = weighted(TYPE_WEIGHTS);
  const file = new CsvFile(path, style);
  file.header(CONTACT_HEADER);
  for (let q = 0; q <= CONTACT_LOG_DAYS; q++) {
    const date = dateAgo(CONTACT_LOG_DAYS - q);
    for (let n = dayStarts[q]; n < dayStarts[q + 1]; n++) {
      const index = sorted[n];
      const crn = rng() < UNKNOWN_CRN_CONTACT_SHARE ? `Y${intBetween(rng, 100_000, 999_999)}` : crnOf(index);
      const own = cases.caseOfficer[index];
      const by = own === '' || rng() < DUTY_OFFICER_SHARE ? pickFrom(rng, officers.ids) : own;
      file.row([crn, date, outcomePick.pick(rng), typePick.pick(rng), by]);
    }
  }
  return file.close();
}

// --- Cache ---------------------------------------------------------------------------------------

export const exportName = (scale, variant) => (variant ? `${scale}-${variant}` : scale);
export const exportDir = (scale, variant) => join(CACHE_ROOT, exportName(scale, variant));

function checkName(scale, variant) {
  if (!SCALES[scale]) throw new Error(`unknown scale ${scale}; expected one of ${Object.keys(SCALES).join(', ')}`);
  if (variant && !VARIANTS[variant]) throw new Error(`unknown variant ${variant}; expected one of ${Object.keys(VARIANTS).join(', ')}`);
}

function readMarker(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, MARKER), 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Writes the three files of one scale/variant into dir; returns row counts and bytes. With
 * weeksBack > 0, the export is dated that many weeks before AS_OF (every date moved back), and
 * its cases and contacts are drawn from streams of their own: each week of the series differs.
 */
export function generate(scale, variant, dir, weeksBack = 0) {
  checkName(scale, variant);
  const size = SCALES[scale];
  const style = variant ? VARIANTS[variant] : PLAIN;
  mkdirSync(dir, { recursive: true });
  weeksBackDays = 7 * weeksBack;
  try {
    return writeExport(scale, dir, size, style, weeksBack === 0 ? scale : `${scale}:week-${weeksBack}`);
  } finally {
    weeksBackDays = 0;
  }
}

function writeExport(scale, dir, size, style, streams) {
  const officers = writeOfficers(join(dir, 'officers.csv'), size.officers, style, scale);
  const cases = writeOffenders(join(dir, 'offenders.csv'), size.cases, officers, style, streams);
  // The contacts10 stream is its own, so the 1x and 10x logs are not prefixes of each other.
  const contactsLabel = `${streams}:contacts:x${style.contactsFactor}`;
  const contacts = writeContacts(join(dir, 'contacts.csv'), size.contacts * style.contactsFactor, cases, officers, style,
    contactsLabel);
  const rows = { officers: officers.rows, offenders: cases.rows, contacts };
  const bytes = {};
  for (const file of ['officers', 'offenders', 'contacts']) bytes[file] = statSync(join(dir, `${file}.csv`)).size;
  return { rows, bytes };
}

/**
 * The cached export for scale/variant, generating it first when the cache is missing, incomplete
 * or from another generator version. Returns { dir, rows, bytes, generatedSeconds } where
 * generatedSeconds is null when the cache was reused.
 */
export function ensureExport(scale, variant = null, { force = false, log = () => {} } = {}) {
  checkName(scale, variant);
  const dir = exportDir(scale, variant);
  const marker = readMarker(dir);
  if (!force && marker && marker.version === GENERATOR_VERSION) {
    return { dir, rows: marker.rows, bytes: marker.bytes, generatedSeconds: null };
  }
  log(`generating ${exportName(scale, variant)} into ${dir} ...`);
  // Remove any half-written export first: the marker is written last, so its absence means the
  // files cannot be trusted.
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const { rows, bytes } = generate(scale, variant, dir);
  const generatedSeconds = (performance.now() - started) / 1000;
  writeFileSync(join(dir, MARKER), `${JSON.stringify({ version: GENERATOR_VERSION, scale, variant, as_of: AS_OF, rows, bytes, generated_seconds: Number(generatedSeconds.toFixed(2)) }, null, 2)}\n`);
  return { dir, rows, bytes, generatedSeconds };
}

/** The date `weeksBack` weeks before AS_OF, YYYY-MM-DD. */
export function weekDate(weeksBack) {
  return new Date(Date.parse(`${AS_OF}T00:00:00Z`) - weeksBack * 7 * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The weekly series of `scale` for `caseload trend`: WEEKLY_EXPORTS folders named by their dates
 * (the last AS_OF) under one folder, each generated once and cached like the single exports.
 * Returns { dir, weeks: [{ dir, rows, bytes, generatedSeconds }] }.
 */
export function ensureWeeklyExports(scale, { force = false, log = () => {} } = {}) {
  checkName(scale, null);
  const holder = join(CACHE_ROOT, `${scale}-weekly`);
  const weeks = [];
  for (let weeksBack = WEEKLY_EXPORTS - 1; weeksBack >= 0; weeksBack--) {
    const asOf = weekDate(weeksBack);
    const dir = join(holder, asOf);
    const marker = readMarker(dir);
    if (!force && marker && marker.version === GENERATOR_VERSION) {
      weeks.push({ dir, rows: marker.rows, bytes: marker.bytes, generatedSeconds: null });
      continue;
    }
    log(`generating ${scale} as of ${asOf} into ${dir} ...`);
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    const started = performance.now();
    const { rows, bytes } = generate(scale, null, dir, weeksBack);
    const generatedSeconds = (performance.now() - started) / 1000;
    writeFileSync(join(dir, MARKER), `${JSON.stringify({ version: GENERATOR_VERSION, scale, as_of: asOf, rows, bytes, generated_seconds: Number(generatedSeconds.toFixed(2)) }, null, 2)}\n`);
    weeks.push({ dir, rows, bytes, generatedSeconds });
  }
  return { dir: holder, weeks };
}

// --- Command line --------------------------------------------------------------------------------

function parseArgs(argv) {
  const args = { scale: 'london', variant: null, force: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--scale') args.scale = argv[++i];
    else if (arg === '--variant') args.variant = argv[++i] || null;
    else if (arg === '--force') args.force = true;
    else throw new Error(`unknown argument ${arg}\nusage: node bench/generate.js [--scale ${Object.keys(SCALES).join('|')}] [--variant ${Object.keys(VARIANTS).join('|')}] [--force]`);
  }
  return args;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const args = parseArgs(process.argv.slice(2));
    const result = ensureExport(args.scale, args.variant, { force: args.force, log: (m) => console.error(m) });
    const mb = (n) => (n / 1e6).toFixed(1);
    console.log(`${result.dir}`);
    console.log(`  rows: officers ${result.rows.officers}, offenders ${result.rows.offenders}, contacts ${result.rows.contacts}`);
    console.log(`  size: officers ${mb(result.bytes.officers)} MB, offenders ${mb(result.bytes.offenders)} MB, contacts ${mb(result.bytes.contacts)} MB`);
    console.log(result.generatedSeconds === null ? '  (cached)' : `  generated in ${result.generatedSeconds.toFixed(1)} s`);
  } catch (error) {
    console.error(error.message);
    process.exitCode = 2;
  }
}
