import * as z from 'zod';
import type { JsonValue } from '../engine/document.ts';
import { conditionsSchema } from './condition.ts';
import { keySchema } from './keys.ts';
import { dateTimeProblem, parseDateTimeLiteral } from './literals.ts';
import { rolloutSchema } from './rollout.ts';
import { reportProblem } from './report.ts';

const jsonValueSchema: z.ZodType<JsonValue> = z
  .lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValueSchema), z.record(z.string(), jsonValueSchema)]))
  .meta({ id: 'JsonValue' });

const variantValueSchema = z
  .union([z.boolean(), z.string(), z.number(), z.record(z.string(), jsonValueSchema).meta({ id: 'JsonObject', description: 'A JSON object.' })])
  .meta({ description: 'A variant value: all variants of one flag are booleans, or strings, or numbers, or JSON objects.' });

const targetSchema = z
  .strictObject({
    tenants: z.array(z.string()).optional().meta({ description: 'Tenant keys (context.tenant) that get this variant.' }),
    users: z.array(z.string()).optional().meta({ description: 'User keys (context.targetingKey) that get this variant.' }),
  })
  .meta({ description: 'Who gets this variant, checked before the rules.' });

const prerequisiteSchema = z
  .strictObject({
    flag: z.string().meta({ description: 'Key of the flag this flag depends on.' }),
    variants: z.array(z.string()).min(1).meta({ description: 'That flag must evaluate to one of these variants.' }),
  })
  .meta({ description: 'Another flag that must evaluate to one of the listed variants; otherwise offVariant is served.' });

function checkSchedule(schedule: { from?: string | undefined; until?: string | undefined }, ctx: z.core.$RefinementCtx<unknown>): void {
  if (schedule.from === undefined && schedule.until === undefined) {
    reportProblem(ctx, 'schedule_order', [], { message: 'schedule sets neither from nor until', fix: 'add from and/or until, or remove schedule' });
    return;
  }
  for (const field of ['from', 'until'] as const) {
    const text = schedule[field];
    const problem = text === undefined ? null : dateTimeProblem(text);
    if (problem !== null) reportProblem(ctx, 'invalid_date', [field], problem);
  }
  const from = schedule.from === undefined ? null : parseDateTimeLiteral(schedule.from);
  const until = schedule.until === undefined ? null : parseDateTimeLiteral(schedule.until);
  if (from !== null && until !== null && from >= until) {
    reportProblem(ctx, 'schedule_order', ['until'], {
      message: `until (${schedule.until}) is not later than from (${schedule.from})`,
      fix: 'make until later than from (from is inclusive, until exclusive)',
    });
  }
}

const scheduleSchema = z
  .strictObject({
    from: z.string().optional().meta({ description: 'ISO 8601 date-time with a time zone; the flag is on from this instant (inclusive).' }),
    until: z.string().optional().meta({ description: 'ISO 8601 date-time with a time zone; the flag is off from this instant (exclusive).' }),
  })
  .superRefine(checkSchedule)
  .meta({ description: 'When the flag is on; outside it the flag serves offVariant with reason DISABLED.' });

function checkRule(rule: { variant?: string | undefined; rollout?: unknown }, ctx: z.core.$RefinementCtx<unknown>): void {
  if (rule.variant !== undefined && rule.rollout !== undefined) {
    reportProblem(ctx, 'rule_action', ['rollout'], { message: 'a rule serves a variant or a rollout, not both', fix: 'keep variant or rollout' });
  } else if (rule.variant === undefined && rule.rollout === undefined) {
    reportProblem(ctx, 'rule_action', [], { message: 'the rule serves nothing', fix: 'add variant: NAME or rollout: { variants: {...} }' });
  }
}

const ruleSchema = z
  .strictObject({
    name: z.string().optional().meta({ description: 'Shown in results as metadata.rule.' }),
    when: conditionsSchema.optional(),
    variant: z.string().optional().meta({ description: 'The variant this rule serves (or use rollout).' }),
    rollout: rolloutSchema.optional(),
  })
  .superRefine(checkRule)
  .meta({ description: 'Serves variant or rollout when all its conditions hold; the first matching rule wins.' });

export const flagSchema = z
  .strictObject({
    description: z.string().optional().meta({ description: 'What the flag is for.' }),
    enabled: z.boolean().optional().meta({ description: 'false: offVariant for everyone (testers with an override still see it). Default true.' }),
    variants: z
      .record(keySchema('variant name'), variantValueSchema)
      .optional()
      .meta({ description: 'Variant name -> value, all of one JSON type. Omitted: { on: true, off: false }.' }),
    defaultVariant: z
      .string()
      .optional()
      .meta({ description: 'Served when the flag is on and nothing matched. Required with variants; without them it defaults to off.' }),
    offVariant: z
      .string()
      .optional()
      .meta({ description: 'Served when the flag is disabled, killed, out of schedule or a prerequisite failed. Default: the variant named off if the flag has one, else defaultVariant.' }),
    client: z.boolean().optional().meta({ description: 'Public: served to frontends without a server key. Default false.' }),
    overridable: z.boolean().optional().meta({ description: 'Testers may force a variant with a signed override. Default false.' }),
    targets: z
      .record(z.string(), targetSchema)
      .optional()
      .meta({ description: 'Variant name -> tenants and users that get it; checked in order, before the rules.' }),
    prerequisites: z.array(prerequisiteSchema).optional().meta({ description: 'Flags that must evaluate to given variants first.' }),
    schedule: scheduleSchema.optional(),
    rules: z.array(ruleSchema).optional().meta({ description: 'Checked in order after targets; the first matching rule wins.' }),
    metadata: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .meta({ description: 'Free-form facts about the flag (owner, ticket), returned in results.' }),
    salt: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'Rollout bucketing salt; default the flag key. Flags sharing a salt share buckets.' }),
  })
  .meta({ title: 'Flag' });
