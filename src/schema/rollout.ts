import * as z from 'zod';
import type { Rollout } from '../engine/document.ts';
import { attributeProblem, reportProblem } from './report.ts';

/** Buckets are 0.001% wide (100,000 of them), so a weight has at most three decimals. */
const WEIGHT_DECIMALS = 3;
const SUM_TOLERANCE = 1e-9;

function hasAtMostThreeDecimals(weight: number): boolean {
  const scaled = weight * 10 ** WEIGHT_DECIMALS;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

function checkRollout(rollout: Rollout, ctx: z.core.$RefinementCtx<unknown>): void {
  if (rollout.by !== undefined) {
    const problem = attributeProblem(rollout.by);
    if (problem !== null) reportProblem(ctx, 'invalid_attribute', ['by'], problem);
  }
  const entries = Object.entries(rollout.variants);
  if (entries.length === 0) {
    reportProblem(ctx, 'rollout_weights', ['variants'], { message: 'the rollout lists no variants', fix: 'give each variant a weight, e.g. { on: 10, off: 90 }' });
    return;
  }
  for (const [name, weight] of entries) {
    if (!hasAtMostThreeDecimals(weight)) {
      reportProblem(ctx, 'rollout_weights', ['variants', name], {
        message: `weight ${weight} has more than ${WEIGHT_DECIMALS} decimals`,
        fix: `round it to ${WEIGHT_DECIMALS} decimals (a rollout's resolution is 0.001%)`,
      });
    }
  }
  const sum = entries.reduce((total, [, weight]) => total + weight, 0);
  if (Math.abs(sum - 100) > SUM_TOLERANCE) {
    const shown = Number(sum.toFixed(6));
    reportProblem(ctx, 'rollout_weights', ['variants'], {
      message: `rollout weights sum to ${shown}, not 100`,
      fix: `change the weights so they add up to 100 (${shown > 100 ? 'remove' : 'add'} ${Number(Math.abs(100 - sum).toFixed(6))})`,
    });
  }
}

export const rolloutSchema = z
  .strictObject({
    variants: z
      .record(z.string(), z.number().min(0).max(100))
      .meta({ description: 'Variant name -> percentage (0 to 100, up to 3 decimals); the weights sum to 100.' }),
    by: z
      .string()
      .optional()
      .meta({ description: 'Attribute that buckets; default targetingKey. tenant rolls out whole tenants.' }),
  })
  .superRefine(checkRollout)
  .meta({ description: 'Splits matching contexts between variants by a stable hash of the by attribute.' });
