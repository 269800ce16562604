/** What went wrong while adding flags to a request; the request itself still went to the origin. */
export type MiddlewareFaultKind =
  | 'snapshot-failed'
  | 'context-failed'
  | 'evaluation-failed'
  | 'signing-failed'
  | 'secret-missing'
  | 'flags-missing'
  | 'jwks-failed'
  | 'bootstrap-failed'
  | 'config-invalid';

/** A fault as health reports it. Messages name the cause and the fix, never a secret or a token. */
export interface MiddlewareFault {
  readonly kind: MiddlewareFaultKind;
  readonly message: string;
  /** ISO 8601 time it was seen last. */
  readonly at: string;
}

/** Repeated faults of one kind are logged at most this often, so a fault on every request cannot flood the logs. */
const LOG_INTERVAL_MS = 60_000;

/**
 * Reports middleware faults: logs them (for `wrangler tail`), throttled per kind, and passes every
 * one to `onFault` (the default Worker keeps the last for `/_edgeflag/health`).
 *
 * @example const faults = new FaultReporter(Date.now, (fault) => { last = fault; });
 */
export class FaultReporter {
  readonly #clock: () => number;
  readonly #onFault: ((fault: MiddlewareFault) => void) | undefined;
  readonly #loggedAt = new Map<MiddlewareFaultKind, number>();

  constructor(clock: () => number, onFault?: (fault: MiddlewareFault) => void) {
    this.#clock = clock;
    this.#onFault = onFault;
  }

  report(kind: MiddlewareFaultKind, message: string): void {
    const now = this.#clock();
    const logged = this.#loggedAt.get(kind);
    if (logged === undefined || now - logged >= LOG_INTERVAL_MS) {
      this.#loggedAt.set(kind, now);
      console.error(`edgeflag middleware: ${kind}: ${message}`);
    }
    this.#onFault?.({ kind, message, at: new Date(now).toISOString() });
  }
}

/** An error's name and message, for errors that cannot carry secrets (never a JWT error: those quote the token). */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Keeps the latest middleware fault of an isolate for `/_edgeflag/health`.
 *
 * @example const log = new MiddlewareFaultLog(); edgeflag({ ..., onFault: log.record }); log.last;
 */
export class MiddlewareFaultLog {
  #last: MiddlewareFault | undefined;

  readonly record = (fault: MiddlewareFault): void => {
    this.#last = fault;
  };

  get last(): MiddlewareFault | undefined {
    return this.#last;
  }
}
