import type { Context } from 'hono';
import { OVERRIDE_SECRET_BINDING, OverrideRejections, TesterOverrides } from '../crypto/override-request.ts';
import type { OverrideRejection } from '../crypto/override-token.ts';
import type { FaultReporter } from './faults.ts';

/**
 * The tester overrides of a request: the ones built from the `overrideSecret` option, or ones for
 * the Worker's `EDGEFLAG_OVERRIDE_SECRET` binding (bindings exist only per request on Workers),
 * built once and again only if the binding changes. No secret: overrides are off, tokens ignored.
 * A secret too short to be safe turns them off too, reported once as a fault.
 *
 * @example const overridesOf = overrideSources(undefined, onRejected, faults); overridesOf(c).read(headers, context, now);
 */
export function overrideSources(
  secret: string | undefined,
  onRejected: ((reason: OverrideRejection) => void) | undefined,
  faults: FaultReporter,
): (c: Context) => TesterOverrides {
  const rejections = new OverrideRejections(onRejected);
  if (secret !== undefined) {
    const overrides = new TesterOverrides(secret, rejections);
    return () => overrides;
  }
  let last: { readonly secret: unknown; readonly overrides: TesterOverrides } | undefined;
  return (c) => {
    const bound = (c.env as Readonly<Record<string, unknown>> | undefined)?.[OVERRIDE_SECRET_BINDING];
    if (last === undefined || last.secret !== bound) {
      last = { secret: bound, overrides: new TesterOverrides(bound, rejections) };
      const problem = last.overrides.health().problem;
      if (problem !== undefined) faults.report('secret-missing', `${problem}; tester overrides are off until then`);
    }
    return last.overrides;
  };
}
