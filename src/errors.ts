/** Exit codes (SPEC 3) and the errors that carry them to the CLI's one-line message. */

export const EXIT = {
  ok: 0,
  findings: 1,
  usage: 2,
  input: 3,
  internal: 70,
  /** Output could not be written (a full disk, a broken standard error): sysexits' EX_IOERR. */
  output: 74,
  /** Mail not delivered (`caseload notify`): sysexits' EX_TEMPFAIL, as sendmail uses. */
  delivery: 75,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the user can act on: printed as one line, never with a stack trace unless --debug. */
export class CaseloadError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A bad command line or config file (exit 2). */
export class UsageError extends CaseloadError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/** A missing or unreadable input, or one the run cannot trust (exit 3). */
export class InputError extends CaseloadError {
  constructor(message: string) {
    super(message, EXIT.input);
  }
}

/** A digest the SMTP server did not take: unreachable, login refused, recipient rejected (exit 75). */
export class DeliveryError extends CaseloadError {
  constructor(message: string) {
    super(message, EXIT.delivery);
  }
}

/** Output that could not be written: standard output, standard error, a digest file (exit 74). */
export class OutputError extends CaseloadError {
  constructor(message: string) {
    super(message, EXIT.output);
  }
}
