/**
 * mulberry32: a tiny seeded random stream, good enough for synthetic data and identical on every
 * platform. Shared by every generator (the sample export, the weekly fixture, the benchmark), so
 * the same seed always writes the same bytes.
 */
export function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
