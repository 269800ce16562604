import type * as z from 'zod';
import type { EdgeflagIssueCode } from './issue.ts';
import type { Problem } from './literals.ts';

/** What a refinement attaches to a zod custom issue, so the issue converter can rebuild our Issue from it. */
export interface ProblemParams {
  readonly edgeflagCode: EdgeflagIssueCode;
  readonly fix: string;
}

/** Adds one of our problems to a zod refinement, at `path` relative to the refined value. */
export function reportProblem(
  ctx: z.core.$RefinementCtx<unknown>,
  code: EdgeflagIssueCode,
  path: (string | number)[],
  problem: Problem,
): void {
  const params: ProblemParams = { edgeflagCode: code, fix: problem.fix };
  ctx.addIssue({ code: 'custom', path, message: problem.message, params });
}

/** Attribute paths: context keys, dots reaching into nested objects, so no empty step. */
export function attributeProblem(attribute: string): Problem | null {
  if (attribute !== '' && !attribute.split('.').includes('')) return null;
  return {
    message: `attribute ${JSON.stringify(attribute)} has an empty name or step`,
    fix: 'name a context attribute, e.g. "tenant", "email" or "app.version" (dots reach into nested objects)',
  };
}
