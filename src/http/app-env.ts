import type { LoadedSnapshot } from '../store/index.ts';
import type { EdgeflagEnv } from './env.ts';

/** Hono's environment for edgeflag's app: its bindings and what its middleware sets per request. */
export interface AppEnv {
  Bindings: EdgeflagEnv;
  Variables: {
    /** The snapshot this request is answered from (set by `snapshotFor`); undefined when none is published. */
    snapshot: LoadedSnapshot | undefined;
    /**
     * Headers every response to this request carries (the snapshot version, CORS), gathered by the
     * middleware on the way in. A route that builds its Response with them says so in
     * `headersWritten`; otherwise the outermost middleware sets them on whatever came back.
     */
    responseHeaders: Record<string, string>;
    headersWritten: boolean;
  };
}
