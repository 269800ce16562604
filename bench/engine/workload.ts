import type { Condition, Flag, FlagDocument, Rule } from '../../src/engine/index.ts';

/**
 * The benchmark's workload, written once as edgeflag flag documents; every peer adapter translates
 * these documents into its own format (bench-notes.md, "The workload used for the anchors").
 */

/** One evaluation context; `targetingKey` is the user id every implementation buckets by. */
export type BenchContext = {
  readonly targetingKey: string;
  readonly tenant: string;
  readonly email: string;
  readonly appVersion: string;
  readonly seats: number;
};

export interface Workload {
  readonly contexts: readonly BenchContext[];
  /** W1: one flag, one rule `tenant in [20 tenants]`. */
  readonly w1: FlagDocument;
  readonly w1Key: string;
  /** W2 and W3: boolean flags of five rules each (tenant, email prefix, semver, seats, 10/90 rollout). */
  readonly w2: FlagDocument;
  readonly w2Keys: readonly string[];
}

export interface WorkloadOptions {
  readonly contexts?: number;
  readonly flags?: number;
  readonly seed?: number;
}

export const TENANT_COUNT = 200;
export const EMAIL_PREFIX_COUNT = 20;
const TENANTS_PER_RULE = 20;
/** Percent of users the W2 split turns on. */
export const ROLLOUT_ON_PERCENT = 10;

/** mulberry32: a tiny seeded generator, so every run and every implementation sees the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function integer(random: () => number, below: number): number {
  return Math.floor(random() * below);
}

const tenantId = (index: number): string => `tenant-${String(index).padStart(3, '0')}`;
const emailPrefix = (index: number): string => `team${String(index).padStart(2, '0')}.`;

function pickTenants(random: () => number): string[] {
  const picked = new Set<number>();
  while (picked.size < TENANTS_PER_RULE) picked.add(integer(random, TENANT_COUNT));
  return [...picked].sort((a, b) => a - b).map(tenantId);
}

function createContext(random: () => number, index: number): BenchContext {
  const user = `user-${index}-${integer(random, 1e9).toString(36)}`;
  const email = random() < 0.5 ? `${emailPrefix(integer(random, EMAIL_PREFIX_COUNT))}${user}@example.com` : `${user}@example.com`;
  return {
    targetingKey: user,
    tenant: tenantId(integer(random, TENANT_COUNT)),
    email,
    appVersion: `${1 + integer(random, 3)}.${integer(random, 10)}.${integer(random, 20)}`,
    seats: 1 + integer(random, 1000),
  };
}

function w2Flag(random: () => number): Flag {
  const when = (condition: Condition): Condition[] => [condition];
  const rules: Rule[] = [
    { name: 'listed tenants', when: when({ attribute: 'tenant', op: 'in', values: pickTenants(random) }), variant: 'on' },
    {
      name: 'team email',
      when: when({ attribute: 'email', op: 'starts_with', value: emailPrefix(integer(random, EMAIL_PREFIX_COUNT)) }),
      variant: 'on',
    },
    { name: 'recent app', when: when({ attribute: 'appVersion', op: 'semver_gte', value: `3.${5 + integer(random, 5)}.0` }), variant: 'on' },
    { name: 'large accounts', when: when({ attribute: 'seats', op: 'gt', value: 900 + integer(random, 90) }), variant: 'on' },
    { name: '10% of users', rollout: { variants: { on: ROLLOUT_ON_PERCENT, off: 100 - ROLLOUT_ON_PERCENT }, by: 'targetingKey' } },
  ];
  return { variants: { on: true, off: false }, defaultVariant: 'off', rules };
}

/** A document of `count` W2-style flags (also the 1,000-flag document the compile timing uses). */
export function w2Document(count: number, seed = 2): { document: FlagDocument; keys: string[] } {
  const random = seededRandom(seed);
  const flags: Record<string, Flag> = {};
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const key = `w2-flag-${String(i).padStart(4, '0')}`;
    keys.push(key);
    flags[key] = w2Flag(random);
  }
  return { document: { flags }, keys };
}

/** Builds the seeded workload: 10,000 contexts, the W1 flag and the 200 W2 flags by default. */
export function createWorkload(options: WorkloadOptions = {}): Workload {
  const seed = options.seed ?? 1;
  const random = seededRandom(seed);
  const contexts = Array.from({ length: options.contexts ?? 10_000 }, (_, index) => createContext(random, index));
  const w1Key = 'w1-tenant-list';
  const w1: FlagDocument = {
    flags: {
      [w1Key]: {
        variants: { on: true, off: false },
        defaultVariant: 'off',
        rules: [{ name: 'listed tenants', when: [{ attribute: 'tenant', op: 'in', values: pickTenants(random) }], variant: 'on' }],
      },
    },
  };
  const { document: w2, keys } = w2Document(options.flags ?? 200, seed + 1);
  return { contexts, w1, w1Key, w2, w2Keys: keys };
}
