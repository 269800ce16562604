import type { Workload } from './workload.ts';
import type { BenchContext } from './workload.ts';
import { readFlags } from './flag-shape.ts';
import type { Implementation, WorkloadName } from './implementation.ts';

/**
 * The yardstick: the workload's rules written by hand in plain JavaScript, no library. It is what a
 * competent engineer would write for exactly these five rules (a Set of tenants, startsWith,
 * versions as number triples with the context's version parsed once per call, a murmur3 of the
 * user id seeded with the flag's salt, per flag; a single-flag call looks its flag up by key), so it
 * shows what the machine can do. It is not product code.
 */

interface YardFlag {
  readonly tenants: ReadonlySet<string>;
  readonly prefix: string;
  readonly minVersion: readonly [number, number, number];
  readonly seatsAbove: number;
  /** murmur3 of the salt (the flag key), the seed of the per-flag hash of the user id. */
  readonly seed: number;
  /** The rollout serves `on` when the hash is below this. */
  readonly onBelow: number;
}

/** How the yardstick decided one flag for one context; the agreement check compares on this. */
export type Outcome = 'rule' | 'rollout-on' | 'rollout-off' | 'default';

/**
 * MurmurHash3 x86_32 of an ASCII string (the workload's ids and keys are ASCII). The salt goes in
 * as the seed rather than by concatenation: `salt + id` would allocate and flatten a string per
 * flag, which costs more than the hash itself.
 */
function murmur3(text: string, seed: number): number {
  let h = seed;
  const length = text.length;
  const whole = length & ~3;
  let i = 0;
  for (; i < whole; i += 4) {
    let k = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 8) | (text.charCodeAt(i + 2) << 16) | (text.charCodeAt(i + 3) << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  switch (length & 3) {
    case 3: k ^= text.charCodeAt(i + 2) << 16; // falls through
    case 2: k ^= text.charCodeAt(i + 1) << 8; // falls through
    case 1:
      k ^= text.charCodeAt(i);
      k = Math.imul(k, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      h ^= Math.imul(k, 0x1b873593);
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function parseVersion(text: string): [number, number, number] {
  const [major, minor, patch] = text.split('.');
  return [Number(major), Number(minor), Number(patch)];
}

function atLeast(version: readonly number[], min: readonly number[]): boolean {
  if (version[0] !== min[0]) return version[0]! > min[0]!;
  if (version[1] !== min[1]) return version[1]! > min[1]!;
  return version[2]! >= min[2]!;
}

function outcome(flag: YardFlag, context: BenchContext, version: readonly number[]): Outcome {
  if (flag.tenants.has(context.tenant)) return 'rule';
  if (context.email.startsWith(flag.prefix)) return 'rule';
  if (atLeast(version, flag.minVersion)) return 'rule';
  if (context.seats > flag.seatsAbove) return 'rule';
  return murmur3(context.targetingKey, flag.seed) < flag.onBelow ? 'rollout-on' : 'rollout-off';
}

function evaluateFlag(flag: YardFlag, context: BenchContext, version: readonly number[]): boolean {
  if (flag.tenants.has(context.tenant)) return true;
  if (context.email.startsWith(flag.prefix)) return true;
  if (atLeast(version, flag.minVersion)) return true;
  if (context.seats > flag.seatsAbove) return true;
  return murmur3(context.targetingKey, flag.seed) < flag.onBelow;
}

function evaluateAll(flags: readonly YardFlag[], context: BenchContext): boolean[] {
  const version = parseVersion(context.appVersion);
  const values = new Array<boolean>(flags.length);
  for (let i = 0; i < flags.length; i++) values[i] = evaluateFlag(flags[i]!, context, version);
  return values;
}

/** Reads the W2 documents' rules by position: the yardstick is written for exactly this shape. */
function yardFlags(workload: Workload): YardFlag[] {
  return readFlags(workload.w2).map((flag) => {
    const [tenants, email, version, seats, rollout] = flag.rules;
    const on = rollout?.rollout?.find((split) => split.variant === 'on');
    if (!tenants || !email || !version || !seats || !on || flag.rules.length !== 5) throw new Error(`yardstick: flag ${flag.key} is not W2-shaped`);
    return {
      tenants: new Set(tenants.conditions[0]!.values.map(String)),
      prefix: String(email.conditions[0]!.values[0]),
      minVersion: parseVersion(String(version.conditions[0]!.values[0])),
      seatsAbove: Number(seats.conditions[0]!.values[0]),
      seed: murmur3(flag.key, 0),
      onBelow: Math.round((on.weight / 100) * 4_294_967_296),
    };
  });
}

export interface Yardstick extends Implementation {
  /** How each flag of call `index` was decided: by a rule, by the rollout, or by default. */
  outcomes(workload: WorkloadName, index: number): Outcome[];
}

export function createYardstick(workload: Workload): Yardstick {
  const contexts = workload.contexts;
  const n = contexts.length;
  const flags = yardFlags(workload);
  const keys = workload.w2Keys;
  // W1 and W3 calls name a flag, as every other implementation's do: look it up by key.
  const byKey = new Map(flags.map((flag, index) => [keys[index]!, flag]));
  const w1Key = workload.w1Key;
  const w1ByKey = new Map([[w1Key, new Set(readFlags(workload.w1)[0]!.rules[0]!.conditions[0]!.values.map(String))]]);
  const w1 = (context: BenchContext): boolean => w1ByKey.get(w1Key)!.has(context.tenant);
  const w3 = (index: number, context: BenchContext): boolean => evaluateFlag(byKey.get(keys[index % keys.length]!)!, context, parseVersion(context.appVersion));

  return {
    name: 'yardstick',
    kind: 'yardstick',
    version: 'hand-written JavaScript in bench/engine/yardstick.ts',
    api: 'plain functions',
    run(name, from, count) {
      let on = 0;
      const end = from + count;
      if (name === 'W1') {
        for (let i = from; i < end; i++) if (w1(contexts[i % n]!)) on++;
      } else if (name === 'W2') {
        for (let i = from; i < end; i++) {
          const values = evaluateAll(flags, contexts[i % n]!);
          for (let f = 0; f < values.length; f++) if (values[f]) on++;
        }
      } else {
        for (let i = from; i < end; i++) if (w3(i, contexts[i % n]!)) on++;
      }
      return on;
    },
    answer(name, index) {
      const context = contexts[index % n]!;
      if (name === 'W1') return [w1(context)];
      if (name === 'W2') return evaluateAll(flags, context);
      return [w3(index, context)];
    },
    outcomes(name, index) {
      const context = contexts[index % n]!;
      if (name === 'W1') return [w1(context) ? 'rule' : 'default'];
      const version = parseVersion(context.appVersion);
      if (name === 'W2') return flags.map((flag) => outcome(flag, context, version));
      return [outcome(byKey.get(keys[index % keys.length]!)!, context, version)];
    },
    close() {},
  };
}
