import type { MetadataValue, VariantValue } from './document.ts';

/** OpenFeature resolution reasons, plus edgeflag's OVERRIDE and PREREQUISITE_FAILED (OFREP allows any string). */
export type Reason =
  | 'STATIC'
  | 'DEFAULT'
  | 'TARGETING_MATCH'
  | 'SPLIT'
  | 'DISABLED'
  | 'OVERRIDE'
  | 'PREREQUISITE_FAILED'
  | 'ERROR';

/** OpenFeature error codes (OFREP `errorCode`). */
export type ErrorCode =
  | 'FLAG_NOT_FOUND'
  | 'PARSE_ERROR'
  | 'TYPE_MISMATCH'
  | 'TARGETING_KEY_MISSING'
  | 'INVALID_CONTEXT'
  | 'GENERAL';

export type ResultMetadata = Readonly<Record<string, MetadataValue>>;

export interface ResolvedResult {
  readonly key: string;
  readonly value: VariantValue;
  readonly variant: string;
  readonly reason: Exclude<Reason, 'ERROR'>;
  readonly metadata?: ResultMetadata;
}

/** An error; `value`/`variant` are present when the flag still served one (TARGETING_KEY_MISSING serves defaultVariant). */
export interface ErrorResult {
  readonly key: string;
  readonly reason: 'ERROR';
  readonly errorCode: ErrorCode;
  readonly errorDetails: string;
  readonly value?: VariantValue;
  readonly variant?: string;
  readonly metadata?: ResultMetadata;
}

/** OFREP-shaped result. Results are frozen and may be shared between calls: never mutate one. */
export type EvaluationResult = ResolvedResult | ErrorResult;
