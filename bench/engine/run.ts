/**
 * `npm run bench`: edgeflag's engine, a hand-written yardstick and the peers' evaluators, side by
 * side in one process on one workload. Options: --quick (a smoke run), --json (machine-readable
 * results on stdout, the table on stderr), --out FILE (write the JSON there), --markdown (also print
 * the README's table), --rounds N.
 */
import { installNetworkGuard } from './network-guard.ts';

// Before any peer SDK is loaded: a dynamic import runs after this line, a static one would not.
installNetworkGuard();
await import('./suite.ts');
