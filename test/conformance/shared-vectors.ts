import { readFileSync } from 'node:fs';

/**
 * The third-party vectors live beside the checkout, in ../shared/conformance (read-only, copied
 * unchanged from their upstream repositories; see the README there for commits and licences).
 */
const VECTORS = new URL('../../../shared/conformance/', import.meta.url);

/** Parses one vector file, named by its path under ../shared/conformance. */
export function readVectors(path: string): unknown {
  return JSON.parse(readFileSync(new URL(path, VECTORS), 'utf8'));
}

/** The Unleash specification files about targeting (the others test rollout hashing and the sync protocol). */
export const UNLEASH_SPEC_FILES = [
  '09-strategy-constraints',
  '11-strategy-constraints-edge-cases',
  '13-constraint-operators',
  '14-constraint-semver-operators',
  '15-global-constraints',
  '17-dependent-features',
  '21-regex-constraint-operators',
  '22-cidr-constraint-operators',
] as const;
