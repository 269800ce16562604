import type { OperatorSpec, PlainOperator } from './operator.ts';

/** Present and not null; the caller has already answered for absent and null values. */
const present: PlainOperator = { kind: 'plain', compile: () => () => true };

export const presenceOperators = {
  exists: { implementation: present, invert: false },
  not_exists: { implementation: present, invert: true },
} satisfies Record<string, OperatorSpec>;
