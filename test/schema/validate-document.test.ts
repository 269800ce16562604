import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/schema/index.ts';
import { validateDocument } from '../../src/schema/index.ts';

function issuesOf(document: unknown): Issue[] {
  const result = validateDocument(document);
  return result.ok ? [] : result.issues;
}

/** `code@path` of each issue, the way a test states what it expects. */
function found(document: unknown): string[] {
  return issuesOf(document).map((issue) => `${issue.code}@${issue.path.join('.')}`);
}

const flagWith = (flag: Record<string, unknown>) => ({ flags: { f: flag } });
const conditionFlag = (condition: Record<string, unknown>) => flagWith({ rules: [{ when: [condition], variant: 'on' }] });
const conditionPath = 'flags.f.rules.0.when.0';

describe('validateDocument: flags and variants', () => {
  it('accepts a flag with no variants (on/off) and no defaultVariant', () => {
    expect(validateDocument({ flags: { simple: {} } })).toEqual({ ok: true, document: { flags: { simple: {} } } });
  });

  it('returns the document as written, adding only an empty flags map to a file of segments', () => {
    const document = { segments: { staff: { tenants: ['acme'] } } };
    expect(validateDocument(document)).toEqual({ ok: true, document: { segments: { staff: { tenants: ['acme'] } }, flags: {} } });
  });

  it('requires defaultVariant once the flag lists its variants', () => {
    expect(found(flagWith({ variants: { red: 'r', blue: 'b' } }))).toEqual(['missing_default_variant@flags.f']);
  });

  it('rejects variant names that the flag does not have, wherever they are used', () => {
    const document = flagWith({
      defaultVariant: 'onn',
      offVariant: 'of',
      targets: { yes: { users: ['u-1'] } },
      rules: [{ variant: 'no' }, { rollout: { variants: { on: 50, nope: 50 } } }],
    });
    expect(found(document)).toEqual([
      'unknown_variant@flags.f.defaultVariant',
      'unknown_variant@flags.f.offVariant',
      'unknown_variant@flags.f.targets.yes',
      'unknown_variant@flags.f.rules.0.variant',
      'unknown_variant@flags.f.rules.1.rollout.variants.nope',
    ]);
    expect(issuesOf(document)[0]).toMatchObject({ message: 'unknown variant "onn" (did you mean "on"?)', fix: 'use one of: on, off' });
  });

  it('rejects variants of mixed JSON types and names the odd one out', () => {
    const [issue] = issuesOf(flagWith({ variants: { a: 1, b: '2' }, defaultVariant: 'a' }));
    expect(issue).toMatchObject({ code: 'mixed_variant_types', path: ['flags', 'f', 'variants', 'b'] });
    expect(issue?.message).toContain('"b" is a string but "a" is a number');
  });

  it('accepts JSON object variants and rejects arrays and null', () => {
    expect(found(flagWith({ variants: { a: { limits: [1, 2], nested: { ok: null } } }, defaultVariant: 'a' }))).toEqual([]);
    expect(found(flagWith({ variants: { a: [1], b: null }, defaultVariant: 'a' }))).toEqual([
      'invalid_type@flags.f.variants.a',
      'invalid_type@flags.f.variants.b',
    ]);
  });

  it('rejects an empty variants map', () => {
    expect(found(flagWith({ variants: {}, defaultVariant: 'x' }))).toContain('no_variants@flags.f.variants');
  });

  it('allows URL-safe keys only, for flags, segments and variants', () => {
    expect(found({ flags: { 'a.b_c-1': {}, '9lives': {} } })).toEqual([]);
    expect(found({ flags: { 'bad key': {}, '-leading': {} }, segments: { 'x/y': {} } })).toEqual([
      'invalid_key@segments.x/y',
      'invalid_key@flags.bad key',
      'invalid_key@flags.-leading',
    ]);
    expect(found(flagWith({ variants: { 'o n': true }, defaultVariant: 'o n' }))).toContain('invalid_key@flags.f.variants.o n');
  });

  it('rejects unknown fields anywhere and suggests the field that was meant', () => {
    const issues = issuesOf({ flags: { f: { varaints: { on: true } } }, checks: {} });
    expect(issues.map((issue) => issue.message)).toEqual([
      'unknown field "varaints" (did you mean "variants"?)',
      'unknown field "checks"',
    ]);
    expect(issues[0]?.fix).toBe('rename it to "variants"');
    expect(issues[1]?.fix).toBe('remove it; the fields here are: segments, flags');
  });

  it('points to not_in_segment when a segment condition is negated', () => {
    const [issue] = issuesOf({ segments: { internal: {} }, flags: { f: { rules: [{ when: [{ in_segment: 'internal', negate: true }], variant: 'on' }] } } });
    expect(issue).toMatchObject({ code: 'unknown_field', path: ['flags', 'f', 'rules', 0, 'when', 0, 'negate'] });
    expect(issue?.fix).toBe('to negate a segment, write { not_in_segment: KEY }');
  });

  it('reports a misspelt required field once, as unknown with a suggestion', () => {
    expect(found(conditionFlag({ atribute: 'country', op: 'eq', value: 'DE' }))).toEqual([`unknown_field@${conditionPath}.atribute`]);
  });

  it('needs exactly one of variant and rollout in a rule', () => {
    expect(found(flagWith({ rules: [{ name: 'nothing' }, { variant: 'on', rollout: { variants: { on: 100 } } }] }))).toEqual([
      'rule_action@flags.f.rules.0',
      'rule_action@flags.f.rules.1.rollout',
    ]);
  });
});

describe('validateDocument: every problem at once', () => {
  it('collects shape errors, literal errors and name errors from different flags in one pass', () => {
    const document = {
      segments: { staff: { when: [{ in_segment: 'other' }] } },
      flags: {
        shape: { enabled: 'yes' },
        literal: { rules: [{ when: [{ attribute: 'v', op: 'semver_gt', value: '1.x' }], variant: 'on' }] },
        names: { defaultVariant: 'maybe', rules: [{ when: [{ in_segment: 'nobody' }], variant: 'on' }] },
        loop: { prerequisites: [{ flag: 'loop', variants: ['on'] }] },
      },
    };
    expect(found(document).sort()).toEqual([
      'invalid_semver@flags.literal.rules.0.when.0.value',
      'invalid_type@flags.shape.enabled',
      'nested_segment@segments.staff.when.0.in_segment',
      'prerequisite_cycle@flags.loop.prerequisites.0.flag',
      'unknown_segment@flags.names.rules.0.when.0.in_segment',
      'unknown_variant@flags.names.defaultVariant',
    ]);
  });

  it('still checks names in a flag when another flag has a shape error', () => {
    expect(found({ flags: { broken: { enabled: 1 }, fine: { defaultVariant: 'onn' } } })).toEqual([
      'invalid_type@flags.broken.enabled',
      'unknown_variant@flags.fine.defaultVariant',
    ]);
  });
});

describe('validateDocument: segments and prerequisites', () => {
  it('rejects unknown segments and suggests the closest one', () => {
    const [issue] = issuesOf({ segments: { internal: {} }, flags: { f: { rules: [{ when: [{ not_in_segment: 'internl' }], variant: 'on' }] } } });
    expect(issue).toMatchObject({ code: 'unknown_segment', message: 'unknown segment "internl" (did you mean "internal"?)' });
  });

  it('says that segments cannot refer to segments', () => {
    const [issue] = issuesOf({ segments: { a: {}, b: { when: [{ in_segment: 'a' }] } }, flags: {} });
    expect(issue?.message).toBe('segment "b" refers to segment "a", and segments cannot refer to segments');
  });

  it('names a prerequisite cycle in full, once', () => {
    const document = {
      flags: {
        a: { prerequisites: [{ flag: 'b', variants: ['on'] }] },
        b: { prerequisites: [{ flag: 'c', variants: ['on'] }] },
        c: { prerequisites: [{ flag: 'a', variants: ['on'] }] },
      },
    };
    expect(issuesOf(document).map((issue) => issue.message)).toEqual(['prerequisite cycle: a -> b -> c -> a']);
  });

  it('accepts a prerequisite chain without a cycle', () => {
    const document = { flags: { a: { prerequisites: [{ flag: 'b', variants: ['on'] }] }, b: { prerequisites: [{ flag: 'c', variants: ['off'] }] }, c: {} } };
    expect(found(document)).toEqual([]);
  });

  it('rejects unknown prerequisite flags and variants the prerequisite does not have', () => {
    const document = {
      flags: {
        a: { prerequisites: [{ flag: 'nope', variants: ['on'] }, { flag: 'b', variants: ['green'] }] },
        b: { variants: { red: 1, blue: 2 }, defaultVariant: 'red' },
      },
    };
    expect(issuesOf(document).map((issue) => issue.message)).toEqual([
      'unknown prerequisite flag "nope"',
      'flag "b" has no variant "green"',
    ]);
  });
});

describe('validateDocument: rollouts and schedules', () => {
  const rollout = (variants: Record<string, number>) => flagWith({ rules: [{ rollout: { variants } }] });

  it('accepts weights that sum to 100 at 0.001% resolution, zero weights included', () => {
    expect(found(rollout({ on: 33.334, off: 66.666 }))).toEqual([]);
    expect(found(rollout({ on: 0, off: 100 }))).toEqual([]);
    expect(found(flagWith({ variants: { a: 1, b: 2, c: 3 }, defaultVariant: 'a', rules: [{ rollout: { variants: { a: 33.334, b: 33.333, c: 33.333 } } }] }))).toEqual([]);
  });

  it('rejects weights that do not sum to 100, by as little as 0.001', () => {
    expect(found(rollout({ on: 10, off: 90.001 }))).toEqual(['rollout_weights@flags.f.rules.0.rollout.variants']);
    expect(issuesOf(rollout({ on: 10, off: 80 }))[0]?.message).toBe('rollout weights sum to 90, not 100');
  });

  it('rejects weights finer than 0.001 and weights out of 0..100', () => {
    expect(found(rollout({ on: 33.3335, off: 66.6665 }))).toEqual([
      'rollout_weights@flags.f.rules.0.rollout.variants.on',
      'rollout_weights@flags.f.rules.0.rollout.variants.off',
    ]);
    expect(found(rollout({ on: -10, off: 110 }))).toEqual([
      'too_small@flags.f.rules.0.rollout.variants.on',
      'too_big@flags.f.rules.0.rollout.variants.off',
    ]);
  });

  it('needs schedule times with a time zone, from before until', () => {
    expect(found(flagWith({ schedule: { from: '2026-12-01T00:00:00+01:00', until: '2026-12-02T00:00:00Z' } }))).toEqual([]);
    expect(found(flagWith({ schedule: { from: '2026-12-01T00:00:00' } }))).toEqual(['invalid_date@flags.f.schedule.from']);
    expect(found(flagWith({ schedule: { from: '2026-12-02T00:00:00Z', until: '2026-12-02T00:00:00Z' } }))).toEqual([
      'schedule_order@flags.f.schedule.until',
    ]);
    expect(found(flagWith({ schedule: {} }))).toEqual(['schedule_order@flags.f.schedule']);
  });
});

describe('validateDocument: condition literals', () => {
  const condition = (fields: Record<string, unknown>) => found(conditionFlag({ attribute: 'a', ...fields }));

  it('accepts valid semantic versions and rejects partial ones', () => {
    expect(condition({ op: 'semver_gte', values: ['2.3.0', '1.0.0-beta.1+build.5'] })).toEqual([]);
    expect(condition({ op: 'semver_lt', value: '2.3' })).toEqual([`invalid_semver@${conditionPath}.value`]);
    expect(condition({ op: 'semver_eq', value: 2 })).toEqual([`invalid_semver@${conditionPath}.value`]);
  });

  it('accepts date-times with a zone and rejects dates alone and impossible days', () => {
    expect(condition({ op: 'before', value: '2026-12-01T10:30:00.250-05:00' })).toEqual([]);
    expect(condition({ op: 'after', values: ['2026-12-01', '2026-02-30T00:00:00Z', '2026-01-01T24:00:00Z'] })).toEqual([
      `invalid_date@${conditionPath}.values.0`,
      `invalid_date@${conditionPath}.values.1`,
      `invalid_date@${conditionPath}.values.2`,
    ]);
    expect(issuesOf(conditionFlag({ attribute: 'a', op: 'after', value: '2026-12-01' }))[0]?.fix).toContain('"2026-12-01T00:00:00Z"');
  });

  it('accepts IPv4 and IPv6 networks with prefixes in range', () => {
    expect(condition({ op: 'in_cidr', values: ['10.0.0.0/8', '192.168.1.7', '2001:db8::/32', '::/0', '0.0.0.0/0'] })).toEqual([]);
    expect(condition({ op: 'in_cidr', values: ['10.0.0.0/33', '2001:db8::/129', '300.0.0.0/8', 'not-an-ip'] })).toHaveLength(4);
  });

  it('compiles regular expressions and caps their length at 512 characters', () => {
    expect(condition({ op: 'matches', value: `^${'a'.repeat(511)}` })).toEqual([]);
    expect(condition({ op: 'matches', value: `^${'a'.repeat(512)}` })).toEqual([`invalid_regex@${conditionPath}.value`]);
    expect(condition({ op: 'matches', value: '([a-z]+' })).toEqual([`invalid_regex@${conditionPath}.value`]);
  });

  it('needs numbers for lt, lte, gt and gte, and strings for string operators', () => {
    expect(condition({ op: 'gte', values: [5, 2.5, -1] })).toEqual([]);
    expect(condition({ op: 'lt', value: '5' })).toEqual([`invalid_literal@${conditionPath}.value`]);
    expect(condition({ op: 'starts_with', value: 5 })).toEqual([`invalid_literal@${conditionPath}.value`]);
  });

  it('takes no value for exists and not_exists, exactly one of value and values otherwise', () => {
    expect(condition({ op: 'exists' })).toEqual([]);
    expect(condition({ op: 'not_exists', values: ['x'] })).toEqual([`value_count@${conditionPath}.values`]);
    expect(condition({ op: 'eq' })).toEqual([`value_count@${conditionPath}`]);
    expect(condition({ op: 'in', value: 'a', values: ['b'] })).toEqual([`value_count@${conditionPath}.values`]);
    expect(condition({ op: 'in', values: [] })).toEqual([`value_count@${conditionPath}.values`]);
  });

  it('rejects null values, which would never match', () => {
    expect(condition({ op: 'eq', value: null })).toEqual([`invalid_literal@${conditionPath}.value`]);
  });

  it('allows ignoreCase on string operators only', () => {
    for (const op of ['in', 'not_in', 'eq', 'neq', 'starts_with', 'ends_with', 'contains', 'matches']) {
      expect(condition({ op, value: 'x', ignoreCase: true })).toEqual([]);
    }
    expect(condition({ op: 'semver_gt', value: '1.0.0', ignoreCase: true })).toEqual([`ignore_case@${conditionPath}.ignoreCase`]);
    expect(condition({ op: 'exists', ignoreCase: false })).toEqual([`ignore_case@${conditionPath}.ignoreCase`]);
  });

  it('rejects unknown operators and suggests the one meant', () => {
    expect(issuesOf(conditionFlag({ attribute: 'a', op: 'start_with', value: 'x' }))[0]?.message).toBe(
      'unknown operator "start_with" (did you mean "starts_with"?)',
    );
  });

  it('rejects attribute paths with an empty step', () => {
    expect(condition({ attribute: 'app..version', op: 'exists' })).toEqual([`invalid_attribute@${conditionPath}.attribute`]);
  });
});
