/** The columns of each export file (SPEC 1.1), header normalisation and alias matching. */

export const FILE_KINDS = ['officers', 'offenders', 'contacts'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export interface ColumnSpec {
  readonly name: string;
  readonly required: boolean;
  readonly aliases: readonly string[];
}

const column = (name: string, required: boolean, aliases: string[] = []): ColumnSpec => ({
  name,
  required,
  aliases,
});

export const COLUMNS = {
  officers: [
    column('officer_id', true, ['officer', 'staff_id', 'staff_code', 'om_key']),
    column('name', false, ['officer_name', 'staff_name']),
    column('grade', false, ['role', 'om_grade']),
    column('team', false, ['team_code']),
    column('pdu', false, ['ldu', 'district', 'unit']),
    column('manager_id', false, ['manager', 'spo_id', 'supervisor_id']),
    column('contracted_hours', false, ['hours']),
    column('status', false),
    column('status_since', false, ['absent_since']),
    column('start_date', false),
    column('agency', false),
    column('last_supervision', false),
    column('email', false, ['email_address']),
    column('reduction_pct', false, ['reduction', 'workload_reduction']),
  ],
  offenders: [
    column('crn', true, ['case_id', 'case_ref', 'offender_id', 'person_id']),
    column('officer_id', true, ['officer', 'responsible_officer', 'staff_code', 'om_key']),
    column('risk', true, ['rosh', 'risk_level', 'rosh_level']),
    column('name', false, ['offender_name', 'person_name']),
    column('tier', false),
    column('sentence_type', false, ['sentence']),
    column('start_date', false, ['supervision_start']),
    column('end_date', false, ['supervision_end', 'expiry_date']),
    column('last_contact', false, ['last_seen']),
    column('address_known', false),
    column('da_flag', false, ['domestic_abuse']),
    column('da_check', false, ['da_check_date']),
    column('safeguarding_flag', false, ['child_safeguarding']),
    column('safeguarding_check', false, ['safeguarding_check_date']),
    column('last_assessment', false, ['rosh_date', 'assessment_date']),
    column('status', false, ['case_status']),
    column('team', false, ['allocated_team']),
    column('pdu', false, ['ldu']),
    column('reset', false, ['probation_reset', 'prc']),
    column('mappa_level', false, ['mappa']),
  ],
  contacts: [
    column('crn', true, ['case_id', 'case_ref', 'offender_id', 'person_id']),
    column('date', true, ['contact_date']),
    column('outcome', false),
    column('type', false, ['contact_type']),
    column('officer_id', false),
  ],
} as const satisfies Record<FileKind, readonly ColumnSpec[]>;

export type ColumnName<K extends FileKind> = (typeof COLUMNS)[K][number]['name'];

/** Extra header aliases per file and canonical column, from config `columns`. */
export type ExtraAliases = Partial<Record<FileKind, Record<string, readonly string[]>>>;

/** `Officer ID`, `officer-id`, `\uFEFFOFFICER_ID` → `officer_id`. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

export interface HeaderMap<K extends FileKind> {
  /** Field index of each canonical column found in the header. */
  readonly index: Partial<Record<ColumnName<K>, number>>;
  /** Required columns the header lacks. */
  readonly missing: ColumnName<K>[];
  /** Headers that named a column already taken by an earlier header (the first one wins). */
  readonly duplicates: { header: string; column: string }[];
  /** Non-empty headers that name no known column or alias: not read (SPEC 3.3). */
  readonly ignored: string[];
}

export function mapHeaders<K extends FileKind>(
  kind: K,
  headers: readonly string[],
  extra: ExtraAliases = {},
): HeaderMap<K> {
  const specs: readonly ColumnSpec[] = COLUMNS[kind];
  const normalised = headers.map(normaliseHeader);
  const index: Record<string, number> = {};
  const duplicates: { header: string; column: string }[] = [];
  const claimed = new Set<number>();

  // The canonical name beats an alias, and an earlier alias beats a later one, so a file
  // holding both `officer_id` and `officer` reads `officer_id`.
  for (const spec of specs) {
    const names = [spec.name, ...spec.aliases, ...(extra[kind]?.[spec.name] ?? []).map(normaliseHeader)];
    for (const name of names) {
      const found = normalised.findIndex((header, at) => header === name && !claimed.has(at));
      if (found === -1) continue;
      if (index[spec.name] === undefined) {
        index[spec.name] = found;
        claimed.add(found);
      }
    }
    // Any further header with the same meaning is reported, not silently read.
    if (index[spec.name] !== undefined) {
      normalised.forEach((header, at) => {
        if (at !== index[spec.name] && !claimed.has(at) && names.includes(header)) {
          claimed.add(at);
          duplicates.push({ header: headers[at]!, column: spec.name });
        }
      });
    }
  }
  const missing = specs.filter((spec) => spec.required && index[spec.name] === undefined).map((spec) => spec.name);
  const ignored = headers.filter((header, at) => !claimed.has(at) && normalised[at] !== '');
  return {
    index: index as Partial<Record<ColumnName<K>, number>>,
    missing: missing as ColumnName<K>[],
    duplicates,
    ignored,
  };
}

/** An unread header and the known column it looks like, if any. */
export interface ColumnHint {
  readonly header: string;
  readonly column: string;
}

/**
 * The known column, not already in the file, that an unread header looks like: one whose name
 * or alias sits whole inside the header (`Last Contact Date` → last_contact; the longest such
 * name wins), else one within a typo or two of it (`Ofender ID`). Null when none does.
 */
export function resemblingColumn(kind: FileKind, header: string, found: ReadonlySet<string>, extra: ExtraAliases = {}): string | null {
  const wanted = normaliseHeader(header);
  if (wanted === '') return null;
  const padded = `_${wanted}_`;
  let best: string | null = null;
  let bestLength = 0;
  let nearest: string | null = null;
  let nearestDistance = Infinity;
  for (const spec of COLUMNS[kind] as readonly ColumnSpec[]) {
    if (found.has(spec.name)) continue;
    for (const name of [spec.name, ...spec.aliases, ...(extra[kind]?.[spec.name] ?? []).map(normaliseHeader)]) {
      if (padded.includes(`_${name}_`) && name.length > bestLength) {
        best = spec.name;
        bestLength = name.length;
      }
      // The distance is at least the difference in length: a long header is not worth measuring.
      const limit = Math.max(1, Math.floor(name.length / 4));
      if (Math.abs(wanted.length - name.length) > limit) continue;
      const distance = editDistance(wanted, name);
      if (distance < nearestDistance && distance <= limit) {
        nearest = spec.name;
        nearestDistance = distance;
      }
    }
  }
  return best ?? nearest;
}

/** The `columns` config that reads `header` as `column`, as JSON to paste into the config file. */
export function columnsConfig(kind: FileKind, column: string, headers: readonly string[]): string {
  return JSON.stringify({ columns: { [kind]: { [column]: headers } } });
}

/** The header most like `wanted` (edit distance), to suggest in a missing-column error. */
export function closestHeader(wanted: string, headers: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const header of headers) {
    const distance = editDistance(wanted, normaliseHeader(header));
    if (distance < bestDistance) {
      best = header;
      bestDistance = distance;
    }
  }
  // A suggestion further away than half the name helps nobody.
  return best !== null && bestDistance <= Math.max(2, Math.ceil(wanted.length / 2)) ? best : null;
}

/**
 * Up to `count` of `candidates` nearest to `wanted` by edit distance (ignoring case), nearest
 * first, then in the candidates' order; none further than `maxDistance` (by default half of
 * `wanted`) away.
 */
export function closestValues(wanted: string, candidates: Iterable<string>, count = 3, maxDistance = Math.max(2, Math.ceil(wanted.length / 2))): string[] {
  const limit = maxDistance;
  const target = wanted.toLowerCase();
  const near: { value: string; distance: number }[] = [];
  for (const value of candidates) {
    const distance = editDistance(target, value.toLowerCase());
    if (distance <= limit) near.push({ value, distance });
  }
  return near
    .sort((a, b) => a.distance - b.distance)
    .slice(0, count)
    .map((entry) => entry.value);
}

/** Levenshtein distance: the fewest single-character edits that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, at) => at);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}
