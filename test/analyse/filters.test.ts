/** SPEC 3.3 filters: values resolved against the export's names, without regard to case. */
import { describe, expect, it } from 'vitest';
import { closestNames, knownNames, resolveFilters, resolveValues } from '../../src/analyse/filters.js';
import { NO_SCOPE } from '../../src/analyse/scope.js';
import { caseRecord, exportsOf, officer, run } from './builders.js';

const region = run(
  exportsOf({
    officers: [
      officer({ officerId: 'N07F726', team: 'Haringey', pdu: 'Barnet, Enfield and Haringey' }),
      officer({ officerId: 'N07C221', team: 'Islington', pdu: 'Camden and Islington' }),
    ],
    cases: [
      caseRecord({ crn: 'A1', officerId: 'N07F726' }),
      // An officer not on the roster: its own team column places it.
      caseRecord({ crn: 'B1', officerId: 'X9', team: 'Enfield' }),
    ],
  }),
);

describe('knownNames', () => {
  it("lists the export's teams, PDUs and officer codes (cases' own teams too), every risk and flag", () => {
    expect(knownNames(region, 'teams')).toEqual(['Enfield', 'Haringey', 'Islington']);
    expect(knownNames(region, 'pdus')).toEqual(['Barnet, Enfield and Haringey', 'Camden and Islington']);
    expect(knownNames(region, 'officers')).toEqual(['N07C221', 'N07F726', 'X9']);
    expect(knownNames(region, 'risks')).toEqual(['low', 'medium', 'high', 'very_high', 'unknown']);
    expect(knownNames(region, 'flags')).toContain('not_seen');
  });
});

describe('resolveValues', () => {
  const teams = ['Barnet, Enfield and Haringey', 'Camden', 'Islington North'];

  it('takes a value that is exactly a known name whole, commas and all, without regard to case', () => {
    expect(resolveValues(['barnet, ENFIELD and haringey'], teams)).toEqual({ names: ['Barnet, Enfield and Haringey'] });
  });

  it('splits any other value at its commas, each part matched without regard to case', () => {
    expect(resolveValues(['camden, islington north'], teams)).toEqual({ names: ['Camden', 'Islington North'] });
    expect(resolveValues([' Camden ', 'CAMDEN'], teams)).toEqual({ names: ['Camden'] });
  });

  it('names the first part that matches nothing', () => {
    expect(resolveValues(['Camden,Barnet'], teams)).toEqual({ unknown: 'Barnet' });
    expect(resolveValues(['Islington'], teams)).toEqual({ unknown: 'Islington' });
  });
});

describe('closestNames', () => {
  it('puts names containing the value first, then the nearest by edit distance', () => {
    expect(closestNames('haringey', ['Barnet', 'Barnet, Enfield and Haringey', 'Camden'])).toEqual(['Barnet, Enfield and Haringey']);
    expect(closestNames('Islingtn', ['Camden North', 'Islington', 'Haringey'])).toEqual(['Islington']);
  });

  it('names up to three, all nearly as near as the nearest', () => {
    expect(closestNames('hig', ['low', 'medium', 'high', 'very_high', 'unknown'])).toEqual(['high', 'very_high']);
    expect(closestNames('X', ['A1', 'A2', 'A3', 'A4'])).toEqual(['A1', 'A2', 'A3']);
    expect(closestNames('X', [])).toEqual([]);
  });
});

describe('resolveFilters', () => {
  it('resolves every filter to the names of the export', () => {
    const resolution = resolveFilters(
      { ...NO_SCOPE, officers: ['n07f726'], risks: ['VERY_HIGH,unknown'], pdus: ['barnet, enfield and haringey'] },
      region,
    );
    expect(resolution).toEqual({
      scope: { ...NO_SCOPE, officers: ['N07F726'], risks: ['very_high', 'unknown'], pdus: ['Barnet, Enfield and Haringey'] },
    });
  });

  it('a value that matches nothing is returned with the closest known names', () => {
    expect(resolveFilters({ ...NO_SCOPE, teams: ['Haringey', 'Islingtn'] }, region)).toEqual({ unknown: { key: 'teams', value: 'Islingtn', closest: ['Islington'] } });
    expect(resolveFilters({ ...NO_SCOPE, flags: ['not-seen'] }, region)).toMatchObject({ unknown: { key: 'flags', value: 'not-seen', closest: ['not_seen'] } });
  });
});
