/** Why a refresh kept the last known good snapshot instead of the one the pointer names. */
export type FaultKind =
  | 'kv-read-failed'
  | 'pointer-missing'
  | 'pointer-invalid'
  | 'version-missing'
  | 'snapshot-corrupt'
  | 'format-unknown'
  | 'version-mismatch'
  | 'checksum-mismatch'
  | 'validation-failed'
  | 'compile-failed'
  /** Listing the kill records failed: the kill switches read before stay in force. */
  | 'kill-read-failed'
  /** A bug: something threw that the store did not expect. */
  | 'refresh-failed';

/** A refresh fault as health reports it: what went wrong, when, and for which published version. */
export interface StoreFault {
  readonly kind: FaultKind;
  readonly message: string;
  /** ISO 8601 time the fault was seen. */
  readonly at: string;
  /** The version the pointer named, when it named one. */
  readonly version?: number;
}

/** A step of loading a snapshot that failed; `at` is filled in by the store, which owns the clock. */
export interface LoadFailure {
  readonly ok: false;
  readonly kind: FaultKind;
  readonly message: string;
}

export function failure(kind: FaultKind, message: string): LoadFailure {
  return { ok: false, kind, message };
}
