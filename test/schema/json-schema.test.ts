import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { schemaText } from '../../src/cli/commands/schema.ts';
import type { FlagDocument } from '../../src/engine/document.ts';
import { flagDocumentSchema, flagFileJsonSchema } from '../../src/schema/index.ts';

const COMMITTED = new URL('../../schema/edgeflag.schema.json', import.meta.url);

interface ObjectSchema {
  properties: Record<string, { description?: string; enum?: string[] }>;
  additionalProperties: unknown;
}

describe('the JSON Schema of flag files', () => {
  it('is committed in sync with the zod schema', () => {
    const committed = readFileSync(COMMITTED, 'utf8');
    expect(committed, 'schema/edgeflag.schema.json is out of date: run `npx edgeflag schema > schema/edgeflag.schema.json`').toBe(
      `${schemaText()}\n`,
    );
  });

  it('rejects unknown fields, so editors flag typos too', () => {
    const schema = flagFileJsonSchema() as { additionalProperties: unknown; properties: { flags: { additionalProperties: ObjectSchema } } };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.flags.additionalProperties.additionalProperties).toBe(false);
  });

  it('describes every flag field, so editors show help on hover', () => {
    const schema = flagFileJsonSchema() as { properties: { flags: { additionalProperties: ObjectSchema } } };
    const fields = schema.properties.flags.additionalProperties.properties;
    expect(Object.keys(fields)).toContain('offVariant');
    for (const [name, field] of Object.entries(fields)) expect(field.description, name).toBeTruthy();
  });

  it('lists every operator of a condition', () => {
    const schema = flagFileJsonSchema() as { definitions: { Condition: { anyOf: ObjectSchema[] } } };
    const operators = schema.definitions.Condition.anyOf[0]?.properties.op?.enum;
    expect(operators).toContain('semver_gte');
    expect(operators).toContain('in_cidr');
    expect(operators).toHaveLength(22);
  });
});

describe('the zod schema and the engine types', () => {
  it('describe the same format (checked by the type checker)', () => {
    expectTypeOf<z.output<typeof flagDocumentSchema>>().toExtend<FlagDocument>();
    expectTypeOf<FlagDocument>().toExtend<z.input<typeof flagDocumentSchema>>();
  });
});
