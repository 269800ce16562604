import type { LoadedSnapshot } from '../store/index.ts';
import type { EdgeflagEnv } from './env.ts';

/** Hono's environment for edgeflag's app: its bindings and what its middleware sets per request. */
export interface AppEnv {
  Bindings: EdgeflagEnv;
  Variables: {
    /** The snapshot this request is answered from (set by `snapshotFor`); undefined when none is published. */
    snapshot: LoadedSnapshot | undefined;
  };
}
