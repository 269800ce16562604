import type { StoreFault } from './fault.ts';
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

/**
 * The kill switches an isolate serves, refreshed by the snapshot store with the pointer. A failed
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

  /** The flags killed as of the last read that worked. */
  get killed(): ReadonlySet<string> {
    return this.#kills.killed;
  }

  status(): KillSwitchStatus {
    return { ...this.#kills, readAt: this.#readAt, lastFault: this.#lastFault, failing: this.#failing };
  }

  /** Lists `kill:*` once; returns the fault when that failed (the kills in force then stay). Never rejects. */
  async refresh(kv: KvLister, clock: () => number): Promise<StoreFault | undefined> {
    let read: KillSwitches;
    try {
      read = await readKillSwitches(kv);
    } catch (error) {
      const kept = this.#kills.killed.size === 0 ? 'no flag was killed at the last read' : `still serving ${[...this.#kills.killed].join(', ')} as killed`;
      this.#lastFault = {
        kind: 'kill-read-failed',
        message: `listing the kill switches (kill:*) in KV failed: ${describe(error)} (${kept})`,
        at: new Date(clock()).toISOString(),
      };
      this.#failing = true;
      return this.#lastFault;
    }
    this.#readAt = clock();
    this.#failing = false;
    this.#kills = sameKills(this.#kills.killed, read.killed) ? { killed: this.#kills.killed, records: read.records } : read;
    return undefined;
  }
}
