/**
 * The Worker's bindings: `Env` as `wrangler types` generates it from wrangler.toml, plus the one
 * secret it cannot see there. `EDGEFLAG_SERVER_KEYS` stays optional: without it only `client: true`
 * flags are served, which is a working setup, so declaring it under `secrets.required` (which makes
 * `wrangler deploy` refuse to run without it) would be wrong.
 */
export interface EdgeflagEnv extends Env {
  /** Comma-separated server keys (`wrangler secret put EDGEFLAG_SERVER_KEYS`). */
  readonly EDGEFLAG_SERVER_KEYS?: string;
  /** Secret tester override tokens are signed with (`wrangler secret put EDGEFLAG_OVERRIDE_SECRET`); unset: overrides are off. */
  readonly EDGEFLAG_OVERRIDE_SECRET?: string;
}
