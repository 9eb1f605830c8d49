/** unallocated_pattern: patterns that could backtrack exponentially are refused (src/config/pattern.ts). */
import { describe, expect, it } from 'vitest';
import { backtrackingRisk } from '../../src/config/pattern.js';

describe('backtrackingRisk', () => {
  it.each([
    '^(UNALLOC|VACANT)',
    '^N07U\\d+$',
    '[A-Z]{3}999',
    '^(?:un)?alloc(ated)?$',
    '(a+)?',
    '(ab){1}',
    '(?:ab)+',
    '[(a+)+]',
    '\\(a+\\)+',
    '^(?<code>U\\d+)$',
  ])('accepts %s', (pattern) => {
    expect(backtrackingRisk(pattern)).toBeNull();
  });

  it.each([
    ['^(a+)+$', 'a quantifier'],
    ['(a*)*', 'a quantifier'],
    ['((a)+)+', 'a quantifier'],
    ['(x\\d+y?)*', 'a quantifier'],
    ['(a{2,})+', 'a quantifier'],
    ['(?:a+){2,5}', 'a quantifier'],
    ['^(a|a)+$', 'an alternation'],
    ['(?:ab|a)*', 'an alternation'],
    ['(a|ab){3}', 'an alternation'],
  ])('refuses %s: a repeated group holding %s', (pattern, what) => {
    expect(backtrackingRisk(pattern)).toBe(`a repeated group holding ${what}, as in (a+)+ or (a|b)*`);
  });

  it.each(['(a)\\1', '(?<x>a)\\k<x>'])('refuses the backreference in %s', (pattern) => {
    expect(backtrackingRisk(pattern)).toBe('a backreference');
  });
});
