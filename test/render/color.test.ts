/**
 * src/cli/color.ts colorLevel: --color/--no-color win; then NO_COLOR (non-empty) beats
 * FORCE_COLOR; then FORCE_COLOR; then colour only on a terminal.
 */
import { describe, expect, it } from 'vitest';
import { colorLevel } from '../../src/cli/color.js';

const TTY = true;
const PIPE = false;

describe('colorLevel', () => {
  it('colours a terminal at the level detected, and never a pipe or file', () => {
    expect(colorLevel(undefined, {}, TTY, 3)).toBe(3);
    expect(colorLevel(undefined, {}, TTY, 2)).toBe(2);
    expect(colorLevel(undefined, {}, PIPE, 3)).toBe(0);
  });

  it('colours at least at level 1 when asked to, even where nothing was detected', () => {
    expect(colorLevel(undefined, {}, TTY, 0)).toBe(1);
    expect(colorLevel(true, {}, PIPE, 0)).toBe(1);
  });

  it('--color colours a pipe; --no-color never colours', () => {
    expect(colorLevel(true, {}, PIPE, 2)).toBe(2);
    expect(colorLevel(false, {}, TTY, 3)).toBe(0);
    expect(colorLevel(false, { FORCE_COLOR: '3' }, TTY, 3)).toBe(0);
  });

  it('the flag beats the environment', () => {
    expect(colorLevel(true, { NO_COLOR: '1' }, PIPE, 1)).toBe(1);
    expect(colorLevel(true, { FORCE_COLOR: '0' }, PIPE, 1)).toBe(1);
  });

  it('NO_COLOR turns colour off on a terminal, and beats FORCE_COLOR', () => {
    expect(colorLevel(undefined, { NO_COLOR: '1' }, TTY, 3)).toBe(0);
    expect(colorLevel(undefined, { NO_COLOR: 'anything' }, TTY, 3)).toBe(0);
    expect(colorLevel(undefined, { NO_COLOR: '1', FORCE_COLOR: '1' }, TTY, 3)).toBe(0);
    expect(colorLevel(undefined, { NO_COLOR: '1', FORCE_COLOR: '3' }, PIPE, 3)).toBe(0);
  });

  it('an empty NO_COLOR is as if unset (no-color.org)', () => {
    expect(colorLevel(undefined, { NO_COLOR: '' }, TTY, 3)).toBe(3);
    expect(colorLevel(undefined, { NO_COLOR: '', FORCE_COLOR: '1' }, PIPE, 3)).toBe(1);
  });

  it('FORCE_COLOR colours a pipe, at the level it names', () => {
    expect(colorLevel(undefined, { FORCE_COLOR: '1' }, PIPE, 3)).toBe(1);
    expect(colorLevel(undefined, { FORCE_COLOR: '2' }, PIPE, 1)).toBe(2);
    expect(colorLevel(undefined, { FORCE_COLOR: '3' }, PIPE, 1)).toBe(3);
    expect(colorLevel(undefined, { FORCE_COLOR: '9' }, PIPE, 1)).toBe(3);
    expect(colorLevel(undefined, { FORCE_COLOR: '' }, PIPE, 2)).toBe(2);
    expect(colorLevel(undefined, { FORCE_COLOR: 'true' }, PIPE, 2)).toBe(2);
  });

  it('FORCE_COLOR=0 or false turns colour off, even on a terminal', () => {
    expect(colorLevel(undefined, { FORCE_COLOR: '0' }, TTY, 3)).toBe(0);
    expect(colorLevel(undefined, { FORCE_COLOR: 'false' }, TTY, 3)).toBe(0);
  });

  it('an unreadable FORCE_COLOR falls back to the terminal test', () => {
    expect(colorLevel(undefined, { FORCE_COLOR: 'yes please' }, PIPE, 3)).toBe(0);
    expect(colorLevel(undefined, { FORCE_COLOR: 'yes please' }, TTY, 3)).toBe(3);
  });
});
