/** The officers' Peers cell and the report's Peers line: what a manager reads of SPEC 2.2's statuses. */
import { describe, expect, it } from 'vitest';
import { peerSummary } from '../../src/render/columns.js';
import { peerFact } from '../../src/render/sections.js';
import { officerResult, report } from './builders.js';

const none = { overdue: null, lost: null, assessment_overdue: null };

describe('peerSummary', () => {
  it('lists the rates not met by short name, says met when all compared are met, is empty when not compared', () => {
    expect(peerSummary({ outliers: { overdue: 'far', lost: 'met', assessment_overdue: 'near' } })).toBe('overdue far, assessment near');
    expect(peerSummary({ outliers: { overdue: 'met', lost: null, assessment_overdue: 'met' } })).toBe('met');
    expect(peerSummary({ outliers: none })).toBe('');
  });
});

describe('the report summary’s Peers line', () => {
  const peersLine = peerFact;

  it('says nobody could be compared rather than nothing', () => {
    expect(peersLine(report({ officers: [officerResult()] }))).toBe('no peer group (by pdu) has 4 comparable officers in post; nobody compared');
  });

  it('counts the officers far from their peers, and on what', () => {
    const compared = officerResult({ outliers: { overdue: 'met', lost: 'met', assessment_overdue: 'met' } });
    const far = officerResult({ officer_id: 'O2', outliers: { overdue: 'far', lost: 'near', assessment_overdue: 'met' }, flags: ['outlier'] });
    const base = report({ officers: [compared, far, officerResult({ officer_id: 'O3' })] });
    const withGroups = {
      ...base,
      summary: { ...base.summary, officer_flags: { ...base.summary.officer_flags, outlier: 1 }, outliers: { overdue: 1, lost: 0, assessment_overdue: 0 } },
      peer_groups: [{ group: 'PDU A', rate: 'overdue' as const, officers: 4, target: 0.1, q1: 0, q3: 0.2, iqr: 0.2, met: 3, near: 0, far: 1 }],
    };
    expect(peersLine(withGroups)).toBe('1 of 2 officers compared (by pdu) far from their peers: overdue 1');
  });
});
