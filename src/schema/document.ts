import * as z from 'zod';
import type { FlagDocument } from '../engine/document.ts';
import { conditionsSchema } from './condition.ts';
import { flagSchema } from './flag.ts';
import { keySchema } from './keys.ts';

export const segmentSchema = z
  .strictObject({
    description: z.string().optional().meta({ description: 'Who is in this segment.' }),
    tenants: z.array(z.string()).optional().meta({ description: 'Matches when context.tenant is listed.' }),
    users: z.array(z.string()).optional().meta({ description: 'Matches when context.targetingKey is listed.' }),
    when: conditionsSchema.optional().meta({ description: 'Matches when all of these hold (a segment cannot use another segment).' }),
  })
  .meta({ title: 'Segment', description: 'A reusable audience: it matches when any of tenants, users or when matches.' });

/**
 * Flag file format 1. `flags` may be left out (a file of segments only); it then means no flags.
 * Cross-field rules (variant and segment names, prerequisites) are checked by validateDocument.
 */
export const flagDocumentSchema = z
  .strictObject({
    segments: z
      .record(keySchema('segment key'), segmentSchema)
      .optional()
      .meta({ description: 'Reusable audiences, referenced by in_segment / not_in_segment.' }),
    flags: z.record(keySchema('flag key'), flagSchema).default({}).meta({ description: 'The flags, by key.' }),
  })
  .meta({ title: 'edgeflag flag file (format 1)' });

// The engine's plain types and the schema describe one format: these fail to compile when they drift apart.
type Assignable<From, To> = [From] extends [To] ? true : false;
type Assert<Holds extends true> = Holds;
export type SchemaMatchesEngineTypes = [
  Assert<Assignable<z.output<typeof flagDocumentSchema>, FlagDocument>>,
  Assert<Assignable<FlagDocument, z.input<typeof flagDocumentSchema>>>,
];
