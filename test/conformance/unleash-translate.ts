import type { AttributeCondition, Condition, Flag, FlagDocument, Operator, Prerequisite, Rule, Segment } from '../../src/engine/index.ts';
import type { UnleashConstraint, UnleashContext, UnleashFeature, UnleashSegment, UnleashState, UnleashStrategy } from './unleash-spec.ts';

/**
 * Translates Unleash client-specification state (the `/api/client/features` payload) into an
 * edgeflag flag document, and Unleash contexts into edgeflag contexts. Every mapping is explicit;
 * what edgeflag cannot express comes back as a reason, never as a silent drop.
 */

/** A feature edgeflag can express, or the reason it cannot. */
export type FeatureTranslation = { kind: 'flag'; flag: Flag } | { kind: 'not-applicable'; reason: string };

const OPERATORS: Readonly<Record<string, Operator>> = {
  IN: 'in',
  NOT_IN: 'not_in',
  STR_STARTS_WITH: 'starts_with',
  STR_ENDS_WITH: 'ends_with',
  STR_CONTAINS: 'contains',
  NUM_EQ: 'eq',
  NUM_LT: 'lt',
  NUM_LTE: 'lte',
  NUM_GT: 'gt',
  NUM_GTE: 'gte',
  DATE_AFTER: 'after',
  DATE_BEFORE: 'before',
  SEMVER_EQ: 'semver_eq',
  SEMVER_LT: 'semver_lt',
  SEMVER_LTE: 'semver_lte',
  SEMVER_GT: 'semver_gt',
  SEMVER_GTE: 'semver_gte',
  REGEX: 'matches',
  IN_CIDR: 'in_cidr',
};
/** Unleash operators that take `values` (a list); the others take one `value`. */
const LIST_OPERATORS = new Set(['IN', 'NOT_IN', 'STR_STARTS_WITH', 'STR_ENDS_WITH', 'STR_CONTAINS', 'IN_CIDR']);
/** Unleash's `caseInsensitive` applies to the STR_* operators and REGEX only. */
const CASE_FOLDING_OPERATORS = new Set(['STR_STARTS_WITH', 'STR_ENDS_WITH', 'STR_CONTAINS', 'REGEX']);

/** Unleash context field -> edgeflag attribute. `properties.X` becomes `X`. */
const CONTEXT_FIELDS: Readonly<Record<string, string>> = {
  userId: 'targetingKey',
  sessionId: 'sessionId',
  remoteAddress: 'ip', // the attribute edgeflag's middleware fills with the connecting address
  environment: 'environment',
  appName: 'appName',
  currentTime: 'currentTime',
};

function attributeOf(contextName: string): string {
  return CONTEXT_FIELDS[contextName] ?? contextName;
}

function segmentKey(id: number): string {
  return `segment-${id}`;
}

function translateConstraint(constraint: UnleashConstraint): AttributeCondition {
  const mapped = OPERATORS[constraint.operator];
  // An unknown operator is kept verbatim so that validation reports it, as it would a typo in a flag file.
  const op = mapped ?? (constraint.operator as Operator);
  const condition: AttributeCondition = { attribute: attributeOf(constraint.contextName), op };
  const numeric = mapped === 'eq' || mapped === 'lt' || mapped === 'lte' || mapped === 'gt' || mapped === 'gte';
  // Unleash sends numbers as text; an edgeflag flag file writes number literals.
  const literal = (text: string) => (numeric ? Number(text) : text);
  if (LIST_OPERATORS.has(constraint.operator)) condition.values = (constraint.values ?? []).map(literal);
  else if (constraint.value !== undefined) condition.value = literal(constraint.value);
  else condition.values = (constraint.values ?? []).map(literal);
  if (constraint.inverted === true) condition.negate = true;
  if (constraint.caseInsensitive === true && CASE_FOLDING_OPERATORS.has(constraint.operator)) condition.ignoreCase = true;
  return condition;
}

function translateSegments(segments: readonly UnleashSegment[]): Record<string, Segment> {
  return Object.fromEntries(segments.map((segment) => [segmentKey(segment.id), { when: segment.constraints.map(translateConstraint) }]));
}

/** Which rule a strategy becomes; undefined for a strategy that matches nobody (a 0% rollout). */
function strategyRule(strategy: UnleashStrategy, index: number): Rule | undefined | string {
  const when: Condition[] = [
    ...(strategy.segments ?? []).map((id) => ({ in_segment: segmentKey(id) })),
    ...(strategy.constraints ?? []).map(translateConstraint),
  ];
  const parameters = strategy.parameters ?? {};
  switch (strategy.name) {
    case 'default':
      break;
    case 'userWithId': {
      // A plain list of user ids, comma-separated (Unleash trims each id).
      const users = (parameters.userIds ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '');
      when.push({ attribute: 'targetingKey', op: 'in', values: users });
      break;
    }
    case 'flexibleRollout': {
      const percentage = Number(parameters.rollout ?? '100');
      if (percentage === 0) return undefined;
      if (percentage !== 100) return `flexibleRollout at ${percentage}% buckets with Unleash's MurmurHash normalisation`;
      break;
    }
    default:
      return `strategy "${strategy.name}" is an Unleash rollout algorithm`;
  }
  const variants = strategy.variants ?? [];
  if (variants.length > 1) return 'a weighted split of strategy variants buckets with Unleash\'s MurmurHash normalisation';
  const rule: Rule = { name: `strategy ${index + 1}: ${strategy.name}`, variant: variants[0]?.name ?? 'on' };
  if (when.length > 0) rule.when = when;
  return rule;
}

/**
 * One Unleash toggle as an edgeflag flag: enabled toggles serve `off` unless a strategy matches;
 * each strategy is a rule serving `on`, or its single strategy variant. A toggle with strategy
 * variants is a string flag whose values are the payloads (Unleash payload values are text).
 */
function translateFeature(feature: UnleashFeature): FeatureTranslation {
  const rules: Rule[] = [];
  for (const [index, strategy] of feature.strategies.entries()) {
    const rule = strategyRule(strategy, index);
    if (typeof rule === 'string') return { kind: 'not-applicable', reason: rule };
    if (rule !== undefined) rules.push(rule);
  }
  const named = feature.strategies.flatMap((strategy) => strategy.variants ?? []);
  const flag: Flag = { enabled: feature.enabled, defaultVariant: 'off', rules };
  if (named.length === 0) flag.variants = { on: true, off: false };
  else {
    flag.variants = { off: '' };
    if (rules.some((rule) => rule.variant === 'on')) flag.variants.on = '';
    for (const variant of named) flag.variants[variant.name] = variant.payload?.value ?? '';
  }
  return { kind: 'flag', flag };
}

/** Unleash dependencies as prerequisites; a parent's "enabled" means any of its variants but `off`. */
function prerequisitesOf(feature: UnleashFeature, flags: ReadonlyMap<string, FeatureTranslation>): Prerequisite[] {
  return (feature.dependencies ?? []).map((dependency) => {
    const parent = flags.get(dependency.feature);
    const parentVariants = parent?.kind === 'flag' ? Object.keys(parent.flag.variants ?? {}) : ['on', 'off'];
    if (dependency.enabled === false) return { flag: dependency.feature, variants: ['off'] };
    if (dependency.variants !== undefined && dependency.variants.length > 0) {
      // "disabled" is Unleash's variant of an enabled toggle that has no variants: edgeflag's `on`.
      return { flag: dependency.feature, variants: dependency.variants.map((name) => (name === 'disabled' ? 'on' : name)) };
    }
    return { flag: dependency.feature, variants: parentVariants.filter((name) => name !== 'off') };
  });
}

export interface TranslatedState {
  document: FlagDocument;
  /** Toggles edgeflag cannot express, with the reason. */
  notApplicable: ReadonlyMap<string, string>;
  /** Toggles whose variant depends on Unleash's hash (feature-level weighted variants). */
  hashedVariants: ReadonlySet<string>;
}

export function translateState(state: UnleashState): TranslatedState {
  const translations = new Map(state.features.map((feature) => [feature.name, translateFeature(feature)] as const));
  const notApplicable = new Map<string, string>();
  for (const [name, translation] of translations) if (translation.kind === 'not-applicable') notApplicable.set(name, translation.reason);
  // A toggle that depends on one edgeflag cannot express cannot be expressed either (to any depth).
  for (let size = -1; size !== notApplicable.size; ) {
    size = notApplicable.size;
    for (const feature of state.features) {
      const blocked = (feature.dependencies ?? []).find((dependency) => notApplicable.has(dependency.feature));
      if (blocked !== undefined && !notApplicable.has(feature.name)) notApplicable.set(feature.name, `depends on ${blocked.feature}, which is not applicable`);
    }
  }
  const flags: Record<string, Flag> = {};
  for (const feature of state.features) {
    const translation = translations.get(feature.name);
    if (translation?.kind !== 'flag' || notApplicable.has(feature.name)) continue;
    const prerequisites = prerequisitesOf(feature, translations);
    flags[feature.name] = prerequisites.length > 0 ? { ...translation.flag, prerequisites } : translation.flag;
  }
  const hashedVariants = new Set(state.features.filter((feature) => (feature.variants ?? []).length > 1).map((feature) => feature.name));
  return { document: { segments: translateSegments(state.segments ?? []), flags }, notApplicable, hashedVariants };
}

/** Evaluation time used when a context names none (Unleash then uses the clock). */
export const DEFAULT_NOW = Date.parse('2026-01-01T00:00:00Z');

/** An Unleash context as an edgeflag context plus the evaluation time. */
export function translateContext(unleash: UnleashContext): { context: Record<string, unknown>; now: number } {
  const context: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(unleash)) {
    if (field === 'properties' || value === undefined) continue;
    const attribute = CONTEXT_FIELDS[field];
    if (attribute === undefined) throw new Error(`unmapped Unleash context field "${field}"`);
    context[attribute] = value;
  }
  for (const [name, value] of Object.entries(unleash.properties ?? {})) {
    if (Object.hasOwn(context, name)) throw new Error(`property "${name}" collides with a context field`);
    context[name] = value;
  }
  const now = unleash.currentTime === undefined ? DEFAULT_NOW : Date.parse(unleash.currentTime);
  // Unleash's currentTime defaults to the time of evaluation.
  context.currentTime ??= new Date(now).toISOString();
  return { context, now };
}
