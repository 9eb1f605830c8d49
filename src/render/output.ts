/** Where renderers write: batched into large writes, and silent once the reader has gone. */
export interface Output {
  write(text: string): void;
}

const BATCH_CHARS = 1 << 16;

export class StreamOutput implements Output {
  private pending: string[] = [];
  private pendingLength = 0;
  closed = false;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  write(text: string): void {
    if (this.closed) return;
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= BATCH_CHARS) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0 || this.closed) return;
    this.stream.write(this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
  }
}

/** Collects output in memory: for tests, and for the email digest that wraps a rendering. */
export class StringOutput implements Output {
  private parts: string[] = [];

  write(text: string): void {
    this.parts.push(text);
  }

  toString(): string {
    return this.parts.join('');
  }
}
