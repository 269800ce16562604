import * as z from 'zod';

function unwrap(schema: z.core.$ZodType): z.core.$ZodType[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) return unwrap(schema.unwrap());
  if (schema instanceof z.ZodUnion) return schema.options.flatMap((option: z.core.$ZodType) => unwrap(option));
  return [schema];
}

function isOptional(schema: z.core.$ZodType): boolean {
  return schema instanceof z.ZodOptional || schema instanceof z.ZodDefault;
}

function step(schema: z.core.$ZodType, segment: string | number): z.core.$ZodType[] {
  if (schema instanceof z.ZodObject) {
    const child: z.core.$ZodType | undefined = schema.shape[segment];
    return child === undefined ? [] : unwrap(child);
  }
  if (schema instanceof z.ZodRecord && typeof segment === 'string') return unwrap(schema.valueType);
  if (schema instanceof z.ZodArray && typeof segment === 'number') return unwrap(schema.element);
  return [];
}

/**
 * The field names the schema allows at a path, for "did you mean" and "the fields here are" hints.
 * Where a union allows several object shapes (conditions), their fields are pooled.
 */
export function fieldsAt(root: z.core.$ZodType, path: readonly (string | number)[], value: unknown): string[] {
  let schemas = unwrap(root);
  for (const segment of path) schemas = schemas.flatMap((schema) => step(schema, segment));
  const shapes = schemas.filter((schema) => schema instanceof z.ZodObject).map((schema) => schema.shape as Record<string, z.core.$ZodType>);
  // Of several shapes, the ones whose required fields the value has are the ones it meant.
  const present = typeof value === 'object' && value !== null ? new Set(Object.keys(value)) : new Set<string>();
  const meant = shapes.filter((shape) => Object.entries(shape).every(([key, child]) => present.has(key) || isOptional(child)));
  const fields = new Set<string>();
  for (const shape of meant.length > 0 ? meant : shapes) for (const key of Object.keys(shape)) fields.add(key);
  return [...fields];
}
