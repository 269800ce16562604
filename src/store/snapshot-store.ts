import { parsePointer } from './envelope.ts';
import type { FaultKind, StoreFault } from './fault.ts';
import { POINTER_KEY } from './keys.ts';
import type { KillSource, KillSwitchStatus } from './kill-switch-state.ts';
import { KillSwitchState } from './kill-switch-state.ts';
import type { KvReader, LoadedSnapshot } from './load-snapshot.ts';
import { describe, loadVersion } from './load-snapshot.ts';

/**
 * KV's own edge cache for the pointer, in seconds: the smallest KV allows (30). The default (60)
 * would add another half minute before a publish or rollback reaches an isolate.
 */
export const POINTER_CACHE_TTL_SECONDS = 30;

export interface SnapshotStoreOptions {
  readonly kv: KvReader;
  /** The pointer is read at most once per this many seconds (`EDGEFLAG_CACHE_TTL_SECONDS`). */
  readonly ttlSeconds: number;
  /** Epoch ms; the store reads no other clock, so tests control time. */
  readonly clock: () => number;
  /** Told about every fault as it is recorded (the Worker logs it for `wrangler tail`). */
  readonly onFault?: (fault: StoreFault) => void;
}

/** `ExecutionContext.waitUntil`: keeps a background refresh alive after the response is sent. */
export type WaitUntil = (promise: Promise<unknown>) => void;

/** What health reports about the store. */
export interface StoreStatus {
  readonly current: LoadedSnapshot | undefined;
  /** Epoch ms of the last pointer read, if any. */
  readonly checkedAt: number | undefined;
  readonly lastFault: StoreFault | undefined;
  /** The latest refresh ended in a fault: the snapshot served is not the one KV points at. */
  readonly failing: boolean;
  readonly ttlSeconds: number;
  readonly kills: KillSwitchStatus;
}

/** A reader that can also list (a `KVNamespace` binding can; a test double of `get` alone cannot). */
function canList(kv: KvReader): kv is KvReader & KillSource {
  return kv.list !== undefined;
}

/** Faults of an immutable version key: fetching it again cannot help until the pointer moves. */
const PERMANENT: ReadonlySet<FaultKind> = new Set([
  'snapshot-corrupt',
  'format-unknown',
  'version-mismatch',
  'checksum-mismatch',
  'validation-failed',
  'compile-failed',
]);

/**
 * The compiled snapshot of one isolate: reads KV's pointer at most once per TTL, loads a version
 * only when the pointer moved, and never replaces the last known good snapshot with a bad one.
 * The same refresh reads the kill switches (`kills:changed`, and the `kill:<flag>` records when it
 * moved), so a kill reaches requests within one TTL without a KV read per request; a failed read
 * keeps the kills read before, because reading it as "nothing killed" would revive every killed flag.
 * Once a snapshot is loaded, requests never wait for KV: a due refresh runs behind `waitUntil`,
 * and concurrent requests share the one refresh in flight.
 *
 * @example
 * const store = new SnapshotStore({ kv: env.EDGEFLAG_KV, ttlSeconds: 5, clock: Date.now });
 * const loaded = await store.read((p) => ctx.waitUntil(p)); // undefined: nothing published yet
 */
export class SnapshotStore {
  readonly #kv: KvReader;
  readonly #ttlMs: number;
  readonly #ttlSeconds: number;
  readonly #clock: () => number;
  readonly #onFault: ((fault: StoreFault) => void) | undefined;
  #current: LoadedSnapshot | undefined;
  #checkedAt: number | undefined;
  #refreshing: Promise<void> | undefined;
  #lastFault: StoreFault | undefined;
  #failing = false;
  /** The pointer whose version failed for good, so it is not fetched again every TTL. */
  #rejected: { readonly version: number; readonly checksum: string } | undefined;
  readonly #kills = new KillSwitchState();

  constructor(options: SnapshotStoreOptions) {
    if (!Number.isFinite(options.ttlSeconds) || options.ttlSeconds < 0) {
      throw new RangeError(`the snapshot cache TTL must be a number of seconds >= 0, got ${options.ttlSeconds}`);
    }
    this.#kv = options.kv;
    this.#ttlSeconds = options.ttlSeconds;
    this.#ttlMs = options.ttlSeconds * 1000;
    this.#clock = options.clock;
    this.#onFault = options.onFault;
  }

  /** The snapshot being served, without refreshing (undefined before the first load). */
  get current(): LoadedSnapshot | undefined {
    return this.#current;
  }

  status(): StoreStatus {
    return {
      current: this.#current,
      checkedAt: this.#checkedAt,
      lastFault: this.#lastFault,
      failing: this.#failing,
      ttlSeconds: this.#ttlSeconds,
      kills: this.#kills.status(),
    };
  }

  /**
   * The snapshot to serve for a request: while none is loaded, a promise of the first load; after
   * that the current one itself, not a promise (every request then skips a microtask turn), with
   * a due refresh started in the background.
   *
   * @example let loaded = store.read(waitUntil); if (loaded instanceof Promise) loaded = await loaded;
   */
  read(waitUntil: WaitUntil): LoadedSnapshot | undefined | Promise<LoadedSnapshot | undefined> {
    if (this.#refreshing === undefined && this.#due(this.#clock())) {
      const refresh = this.#refresh()
        .catch((error: unknown) => this.#fault('refresh-failed', `refreshing the snapshot failed unexpectedly: ${describe(error)}`))
        .finally(() => {
          this.#refreshing = undefined;
        });
      this.#refreshing = refresh;
      if (this.#current !== undefined) waitUntil(refresh);
    }
    if (this.#current === undefined && this.#refreshing !== undefined) return this.#refreshing.then(() => this.#current);
    return this.#current;
  }

  #due(now: number): boolean {
    return this.#checkedAt === undefined || now - this.#checkedAt >= this.#ttlMs;
  }

  async #refresh(): Promise<void> {
    this.#checkedAt = this.#clock();
    // Listed alongside the pointer read, not after it: the refresh takes one KV round trip, not two.
    const kills = canList(this.#kv) ? this.#kills.refresh(this.#kv, this.#clock) : undefined;
    await this.#refreshPointer();
    const killFault = await kills;
    if (killFault !== undefined) this.#onFault?.(killFault);
    else if (this.#current !== undefined) this.#current = this.#withKills(this.#current);
  }

  /** A version as served: with the kill switches in force (a new object only when they differ). */
  #withKills(loaded: LoadedSnapshot): LoadedSnapshot {
    const killed = this.#kills.killed;
    return loaded.killed === killed ? loaded : Object.freeze({ ...loaded, killed });
  }

  async #refreshPointer(): Promise<void> {
    let text: string | null;
    try {
      text = await this.#kv.get(POINTER_KEY, { type: 'text', cacheTtl: POINTER_CACHE_TTL_SECONDS });
    } catch (error) {
      return this.#fault('kv-read-failed', `reading ${POINTER_KEY} from KV failed: ${describe(error)}`);
    }
    if (text === null) {
      if (this.#current === undefined) {
        this.#failing = false;
        return;
      }
      return this.#fault('pointer-missing', `${POINTER_KEY} is gone from KV: publish again with edgeflag publish`);
    }
    const parsed = parsePointer(text);
    if (!parsed.ok) return this.#fault(parsed.kind, parsed.message);
    const pointer = parsed.value;
    const current = this.#current;
    if (current !== undefined && current.version === pointer.version && current.checksum === pointer.checksum) {
      this.#failing = false;
      return;
    }
    const rejected = this.#rejected;
    if (rejected !== undefined && rejected.version === pointer.version && rejected.checksum === pointer.checksum) return;

    const loaded = await loadVersion(this.#kv, pointer, this.#clock());
    if (!loaded.ok) {
      if (PERMANENT.has(loaded.kind)) this.#rejected = pointer;
      return this.#fault(loaded.kind, loaded.message, pointer.version);
    }
    this.#current = this.#withKills(loaded.value);
    this.#rejected = undefined;
    this.#failing = false;
  }

  #fault(kind: FaultKind, message: string, version?: number): void {
    const serving = this.#current === undefined ? 'no snapshot is loaded' : `still serving version ${this.#current.version}`;
    const fault: StoreFault = {
      kind,
      message: `${message} (${serving})`,
      at: new Date(this.#clock()).toISOString(),
      ...(version === undefined ? {} : { version }),
    };
    this.#lastFault = fault;
    this.#failing = true;
    this.#onFault?.(fault);
  }
}
