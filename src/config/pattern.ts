/**
 * unallocated_pattern is matched against every officer code of the export, and the export may
 * hold anything: a pattern that backtracks exponentially (`^(a+)+$` against `aaaa…b`) would
 * hang the run. JavaScript has no linear-time engine without an experimental V8 flag, so such
 * patterns are refused when the config is loaded (exit 2), by a conservative syntactic test:
 * no backreference, and no repeated group that holds a quantifier or an alternation. Every
 * pattern an office needs (`^(UNALLOC|VACANT)`, `^N07U\d+$`, `[A-Z]{3}999`) passes; `(N|X)+` is
 * refused although harmless, and `[NX]+` says the same.
 */

interface Group {
  /** A repeating quantifier anywhere inside. */
  repeats: boolean;
  alternation: boolean;
}

/** Length of the quantifier at `at` (0 for none) and whether it repeats (more than once). */
function quantifierAt(pattern: string, at: number): { length: number; repeating: boolean } {
  const char = pattern[at];
  let length = 0;
  let repeating = false;
  if (char === '*' || char === '+') [length, repeating] = [1, true];
  else if (char === '?') length = 1;
  else if (char === '{') {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at));
    if (match !== null) {
      length = match[0].length;
      const most = match[2] === undefined ? Number(match[1]) : match[3] === '' ? Infinity : Number(match[3]);
      repeating = most > 1;
    }
  }
  if (length > 0 && pattern[at + length] === '?') length++; // lazy
  return { length, repeating };
}

/** Why matching `pattern` could take exponential time, or null when it cannot. */
export function backtrackingRisk(pattern: string): string | null {
  const stack: Group[] = [{ repeats: false, alternation: false }];
  for (let at = 0; at < pattern.length; ) {
    const char = pattern[at]!;
    if (char === '(') {
      stack.push({ repeats: false, alternation: false });
      const prefix = /^\(\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(pattern.slice(at));
      at += prefix === null ? 1 : prefix[0].length;
      continue;
    }
    if (char === '|') {
      stack.at(-1)!.alternation = true;
      at++;
      continue;
    }
    let atomEnd = at + 1;
    let group: Group | null = null;
    if (char === '\\') {
      const next = pattern[at + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && pattern[at + 2] === '<')) return 'a backreference';
      atomEnd = at + 2;
    } else if (char === '[') {
      for (atomEnd = at + 1; atomEnd < pattern.length && pattern[atomEnd] !== ']'; atomEnd++) if (pattern[atomEnd] === '\\') atomEnd++;
      atomEnd++;
    } else if (char === ')') {
      group = stack.length > 1 ? stack.pop()! : null;
    }
    const quantifier = quantifierAt(pattern, atomEnd);
    const enclosing = stack.at(-1)!;
    if (group !== null) {
      if (quantifier.repeating && (group.repeats || group.alternation)) {
        return `a repeated group holding ${group.repeats ? 'a quantifier' : 'an alternation'}, as in (a+)+ or (a|b)*`;
      }
      enclosing.repeats ||= group.repeats;
    }
    enclosing.repeats ||= quantifier.repeating;
    at = atomEnd + quantifier.length;
  }
  return null;
}
