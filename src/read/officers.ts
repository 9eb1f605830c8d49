/** officers.csv → OfficerRecord, one per officer_id (a repeated id: the later row wins). */
import type { Source } from './source.js';
import type { InputSummary, OfficerRecord } from './records.js';
import { IssueLog, readTableCells, unreadColumns, type ReadSettings, type RowCells } from './table.js';
import { parseBoolean, parseHours, parseOfficerStatus, parsePercent } from './values.js';

const FULL_TIME_HOURS = 37;

/** Known grades in their usual spelling; other text is kept as written. */
const GRADES: Record<string, string> = { po: 'PO', pso: 'PSO', pqip: 'PQiP', spo: 'SPO' };

export function canonicalGrade(text: string): string {
  return GRADES[text.toLowerCase()] ?? text;
}

export async function readOfficers(
  source: Source,
  settings: ReadSettings,
  log: IssueLog,
): Promise<{ officers: OfficerRecord[]; columns: Set<string>; input: InputSummary }> {
  const byId = new Map<string, OfficerRecord>();
  let rejected = 0;
  const readOfficer = (cells: RowCells<'officers'>): void => {
    const { line } = cells;
    const officerId = cells.text('officer_id');
    if (officerId === '') {
      rejected++;
      log.add(line, 'officer_id', 'missing_key', 'officer_id: empty; the row cannot be placed');
      return;
    }
    const hours = cells.text('contracted_hours') === '' ? FULL_TIME_HOURS : cells.parse('contracted_hours', parseHours, 'not a number of hours');
    const grade = cells.optionalText('grade');
    const officer: OfficerRecord = {
      line,
      officerId,
      name: cells.optionalText('name'),
      grade: grade === null ? null : canonicalGrade(grade),
      team: cells.optionalText('team'),
      pdu: cells.optionalText('pdu'),
      managerId: cells.optionalText('manager_id'),
      contractedHours: hours,
      status: parseOfficerStatus(cells.text('status')),
      statusSince: cells.date('status_since'),
      startDate: cells.date('start_date'),
      agency: cells.parse('agency', parseBoolean) ?? false,
      lastSupervision: cells.date('last_supervision'),
      email: cells.optionalText('email'),
      reductionPct: cells.parse('reduction_pct', parsePercent, 'not a percentage from 0 to 100 (read as 0)') ?? 0,
    };
    const earlier = byId.get(officerId);
    if (earlier) {
      log.add(line, 'officer_id', 'duplicate_record', `officer_id ${officerId} is listed on lines ${earlier.line} and ${line}; line ${line} is read`);
      byId.delete(officerId); // keep file order of the row that wins
    }
    byId.set(officerId, officer);
  };
  const { header, records, footers } = await readTableCells('officers', source, settings, log, () => readOfficer, { footers: true });
  rejected += footers;
  return {
    officers: [...byId.values()],
    columns: new Set(Object.keys(header.index)),
    input: { file: 'officers', path: source.label, rows: records, used: records - rejected, rejected, ...unreadColumns('officers', header, settings.aliases) },
  };
}
