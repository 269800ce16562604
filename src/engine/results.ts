import type { VariantValue } from './document.ts';
import type { ErrorCode, ErrorResult, EvaluationResult, ResolvedResult, ResultMetadata } from './result.ts';

interface FlagVariants {
  readonly key: string;
  readonly variants: Readonly<Record<string, VariantValue>>;
}

/** A prebuilt, frozen result: evaluation hands out references to these and allocates nothing. */
export function resolvedResult(
  flag: FlagVariants,
  variant: string,
  reason: ResolvedResult['reason'],
  metadata: ResultMetadata | undefined,
): EvaluationResult {
  const result: ResolvedResult =
    metadata === undefined
      ? { key: flag.key, value: flag.variants[variant]!, variant, reason }
      : { key: flag.key, value: flag.variants[variant]!, variant, reason, metadata };
  return Object.freeze(result);
}

/** An error that still serves a variant (TARGETING_KEY_MISSING serves defaultVariant). */
export function servedErrorResult(
  flag: FlagVariants,
  variant: string,
  errorCode: ErrorCode,
  errorDetails: string,
  metadata: ResultMetadata | undefined,
): EvaluationResult {
  const result: ErrorResult = {
    key: flag.key,
    value: flag.variants[variant]!,
    variant,
    reason: 'ERROR',
    errorCode,
    errorDetails,
    ...(metadata === undefined ? {} : { metadata }),
  };
  return Object.freeze(result);
}

export function errorResult(key: string, errorCode: ErrorCode, errorDetails: string): ErrorResult {
  return Object.freeze({ key, reason: 'ERROR', errorCode, errorDetails });
}

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
