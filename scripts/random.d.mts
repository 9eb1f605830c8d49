/** Types of random.mjs, for the TypeScript tests that share its generator. */
export function mulberry32(seed: number): () => number;
