/** Where renderers write: batched into large writes, and silent once the reader has gone. */
export interface Output {
  write(text: string): void;
  /** Bytes already encoded as UTF-8, whole lines (parallel-lines.ts). */
  writeBytes(bytes: Uint8Array): void;
}

const BATCH_BYTES = 1 << 20;

/**
 * Encodes text straight into a 1 MiB buffer and writes it when full: no string of the output
 * lives longer than one call, so a national report's text never piles up on the heap.
 */
export class StreamOutput implements Output {
  private buffer = Buffer.allocUnsafe(BATCH_BYTES);
  private used = 0;
  closed = false;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  write(text: string): void {
    if (this.closed) return;
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (this.used + text.length * 3 > BATCH_BYTES) {
      this.flush();
      if (text.length * 3 > BATCH_BYTES) {
        this.stream.write(text);
        return;
      }
    }
    this.used += this.buffer.write(text, this.used);
  }

  writeBytes(bytes: Uint8Array): void {
    if (this.closed) return;
    this.flush();
    this.stream.write(bytes);
  }

  flush(): void {
    if (this.used === 0 || this.closed) return;
    this.stream.write(this.buffer.subarray(0, this.used));
    // A stream may hold on to what it was given: the next batch gets a buffer of its own.
    this.buffer = Buffer.allocUnsafe(BATCH_BYTES);
    this.used = 0;
  }
}

/** Collects output in memory: for tests, and for the email digest that wraps a rendering. */
export class StringOutput implements Output {
  private parts: string[] = [];

  write(text: string): void {
    this.parts.push(text);
  }

  writeBytes(bytes: Uint8Array): void {
    this.parts.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  }

  toString(): string {
    return this.parts.join('');
  }
}
