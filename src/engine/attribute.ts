import type { EvaluationContext } from './scope.ts';

/** Reads one attribute of a context; `undefined` when it is absent. */
export type AttributeReader = (context: EvaluationContext) => unknown;

function ownValue(holder: unknown, key: string): unknown {
  if (typeof holder !== 'object' || holder === null || Array.isArray(holder)) return undefined;
  return Object.hasOwn(holder, key) ? (holder as Record<string, unknown>)[key] : undefined;
}

/**
 * The key to read directly when an attribute is a top-level key that no plain object inherits
 * (a plain object's only inherited names are Object.prototype's); undefined when it needs a reader.
 */
export function directKey(path: string): string | undefined {
  return path.includes('.') || path in Object.prototype ? undefined : path;
}

/**
 * Compiles an attribute path (`tenant`, `app.version`) into a reader. Only own properties count:
 * a context from JSON may carry keys such as `constructor` or `__proto__`, and an inherited
 * property must never look like an attribute the client sent.
 */
export function compileAttributeReader(path: string): AttributeReader {
  const steps = path.split('.');
  if (steps.length === 1) {
    const key = directKey(path);
    if (key === undefined) return (context) => ownValue(context, path);
    return (context) => (context as Record<string, unknown>)[key];
  }
  return (context) => {
    let value: unknown = context;
    for (const step of steps) {
      value = ownValue(value, step);
      if (value === undefined) return undefined;
    }
    return value;
  };
}
