import type { StoreFault } from './fault.ts';
import { KILLS_CHANGED_KEY } from './keys.ts';
import type { KillSwitches, KvLister } from './kill-switches.ts';
import { NO_KILLS, readKillSwitches, sameKills } from './kill-switches.ts';
import { describe } from './load-snapshot.ts';

/** What health reports about the kill switches of one isolate. */
export interface KillSwitchStatus extends KillSwitches {
  /** Epoch ms of the last kill read that worked: the kills in force are KV's as of then. */
  readonly readAt: number | undefined;
  readonly lastFault: StoreFault | undefined;
  /** The latest read failed: the kills in force are those of `readAt`. */
  readonly failing: boolean;
}

/** What the kill switches are read from: a `KVNamespace` binding satisfies it. */
export interface KillSource extends KvLister {
  get(key: string, options: { type: 'text'; cacheTtl?: number }): Promise<string | null>;
}

/**
 * After `kills:changed` moves, keep listing on every refresh for this long: KV's list can lag
 * behind a read of a key written after the record (both are eventually consistent, up to ~60 s).
 */
const SETTLE_MS = 60_000;
/** List at least this often even when `kills:changed` stays put: a kill record written by hand, or a lost stamp write. */
const RELIST_MS = 300_000;
/** KV's minimum edge cache time, as for the pointer. */
const STAMP_CACHE_TTL_SECONDS = 30;

/**
 * The kill switches an isolate serves, refreshed by the snapshot store with the pointer: it reads
 * the one key `kills:changed` and lists the `kill:` records only when that moved, for a minute
 * after, and every five minutes (see KILLS_CHANGED_KEY for why not on every refresh). A failed
 * list keeps the kills read before, because reading it as "nothing killed" would revive every
 * killed flag; an unchanged set of flags keeps its object, so what depends on its identity (the
 * served snapshot) stays as it is.
 *
 * @example const kills = new KillSwitchState(); const fault = await kills.refresh(env.EDGEFLAG_KV, Date.now);
 */
export class KillSwitchState {
  #kills: KillSwitches = NO_KILLS;
  #readAt: number | undefined;
  #lastFault: StoreFault | undefined;
  #failing = false;
  /** The `kills:changed` value of the last list that worked; undefined before the first. */
  #stamp: string | null | undefined;
  #listedAt: number | undefined;
  #settleUntil = 0;

  /** The flags killed as of the last read that worked. */
  get killed(): ReadonlySet<string> {
    return this.#kills.killed;
  }

  status(): KillSwitchStatus {
    return { ...this.#kills, readAt: this.#readAt, lastFault: this.#lastFault, failing: this.#failing };
  }

  /** Reads `kills:changed`, lists `kill:*` when due; returns the fault when that failed (the kills in force then stay). Never rejects. */
  async refresh(kv: KillSource, clock: () => number): Promise<StoreFault | undefined> {
    let read: KillSwitches;
    let stamp: string | null;
    try {
      stamp = await kv.get(KILLS_CHANGED_KEY, { type: 'text', cacheTtl: STAMP_CACHE_TTL_SECONDS });
      const now = clock();
      if (stamp !== this.#stamp && this.#stamp !== undefined) this.#settleUntil = now + SETTLE_MS;
      const due = this.#listedAt === undefined || stamp !== this.#stamp || now < this.#settleUntil || now - this.#listedAt >= RELIST_MS;
      if (!due) {
        this.#readAt = now;
        this.#failing = false;
        return undefined;
      }
      read = await readKillSwitches(kv);
    } catch (error) {
      const kept = this.#kills.killed.size === 0 ? 'no flag was killed at the last read' : `still serving ${[...this.#kills.killed].join(', ')} as killed`;
      this.#lastFault = {
        kind: 'kill-read-failed',
        message: `reading the kill switches (${KILLS_CHANGED_KEY}, kill:*) in KV failed: ${describe(error)} (${kept})`,
        at: new Date(clock()).toISOString(),
      };
      this.#failing = true;
      return this.#lastFault;
    }
    this.#stamp = stamp;
    this.#listedAt = this.#readAt = clock();
    this.#failing = false;
    this.#kills = sameKills(this.#kills.killed, read.killed) ? { killed: this.#kills.killed, records: read.records } : read;
    return undefined;
  }
}
