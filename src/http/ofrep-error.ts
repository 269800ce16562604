import type { ErrorCode } from '../engine/index.ts';

/** Statuses edgeflag answers errors with. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 413 | 500;

/**
 * An OFREP error body: `evaluationFailure` / `flagNotFound` for one flag (with `key`),
 * `bulkEvaluationFailure` for the bulk endpoint (without).
 */
export interface OfrepErrorBody {
  readonly key?: string;
  readonly errorCode: ErrorCode;
  readonly errorDetails: string;
}

/**
 * The one error type edgeflag's routes throw; `onError` turns it into an OFREP error response.
 *
 * @example throw new OfrepError(404, 'FLAG_NOT_FOUND', 'flag "beta" is not in snapshot version 12', { key: 'beta' });
 */
export class OfrepError extends Error {
  override readonly name = 'OfrepError';
  readonly status: ErrorStatus;
  readonly errorCode: ErrorCode;
  readonly key: string | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: ErrorStatus,
    errorCode: ErrorCode,
    errorDetails: string,
    options: { readonly key?: string | undefined; readonly headers?: Readonly<Record<string, string>> } = {},
  ) {
    super(errorDetails);
    this.status = status;
    this.errorCode = errorCode;
    this.key = options.key;
    this.headers = options.headers ?? {};
  }

  body(): OfrepErrorBody {
    return this.key === undefined
      ? { errorCode: this.errorCode, errorDetails: this.message }
      : { key: this.key, errorCode: this.errorCode, errorDetails: this.message };
  }
}

/**
 * The status of a single-flag evaluation error. The OFREP providers read a body only from 400, 404
 * and 500 (any other status becomes GENERAL without the details), so engine errors map onto those.
 */
export function statusOfEvaluationError(errorCode: ErrorCode): 400 | 404 | 500 {
  switch (errorCode) {
    case 'FLAG_NOT_FOUND':
      return 404;
    case 'GENERAL':
      return 500;
    default:
      return 400;
  }
}
