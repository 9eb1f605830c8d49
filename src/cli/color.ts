/** One Chalk instance for the run, from --color/--no-color, NO_COLOR, FORCE_COLOR and the TTY. */
import { Chalk, supportsColor, type ChalkInstance } from 'chalk';

type Level = 0 | 1 | 2 | 3;

export function colorLevel(flag: boolean | undefined, env: NodeJS.ProcessEnv, isTTY: boolean, detected: number): Level {
  const supported = Math.min(3, Math.max(1, detected)) as Level;
  if (flag === false) return 0;
  if (flag === true) return supported;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '' || force === 'true') return supported;
    if (force === 'false') return 0;
    const level = Number.parseInt(force, 10);
    if (Number.isInteger(level)) return Math.min(3, Math.max(0, level)) as Level;
  }
  return isTTY ? supported : 0;
}

export function makeChalk(flag: boolean | undefined, stream: NodeJS.WriteStream = process.stdout): ChalkInstance {
  const detected = supportsColor === false ? 1 : supportsColor.level;
  return new Chalk({ level: colorLevel(flag, process.env, stream.isTTY === true, detected) });
}
