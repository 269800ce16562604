import { MAX_CONTEXT_DEPTH, MAX_CONTEXT_ENTRIES } from './limits.ts';
import { OfrepError } from './ofrep-error.ts';
import { readBodyText } from './request-body.ts';


function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A nested object or array waiting to be counted, with the way back to the context for a message. */
interface Pending {
  readonly value: object;
  readonly depth: number;
  readonly parent: Pending | undefined;
  readonly step: string;
}

function pathOf(item: Pending): string {
  let path = '';
  for (let at: Pending | undefined = item; at !== undefined; at = at.parent) path = at.step + path;
  return path;
}

const tooManyEntries = `the context has more than ${MAX_CONTEXT_ENTRIES} attributes and list items: send only what your flags target`;

/**
 * Why a context is too deep or too large, walking it once without recursion; undefined when it is
 * fine. Only nested objects and arrays are queued, and a path is only written for the message.
 */
function sizeProblem(context: Record<string, unknown>): string | undefined {
  const stack: Pending[] = [{ value: context, depth: 1, parent: undefined, step: 'context' }];
  let entries = 0;
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (item.depth > MAX_CONTEXT_DEPTH) {
      return `the context nests deeper than ${MAX_CONTEXT_DEPTH} levels (at ${pathOf(item)}): flatten it`;
    }
    const value = item.value;
    const depth = item.depth + 1;
    if (Array.isArray(value)) {
      entries += value.length;
      if (entries > MAX_CONTEXT_ENTRIES) return tooManyEntries;
      for (let i = 0; i < value.length; i++) {
        const member: unknown = value[i];
        if (typeof member === 'object' && member !== null) stack.push({ value: member, depth, parent: item, step: `[${i}]` });
      }
    } else {
      const names = Object.keys(value);
      entries += names.length;
      if (entries > MAX_CONTEXT_ENTRIES) return tooManyEntries;
      for (const name of names) {
        const member: unknown = (value as Record<string, unknown>)[name];
        if (typeof member === 'object' && member !== null) stack.push({ value: member, depth, parent: item, step: `.${name}` });
      }
    }
  }
  return undefined;
}

/** OpenFeature's targeting key is a string; edgeflag's tenant key too. Anything else would silently never match. */
function keyProblem(context: Record<string, unknown>): string | undefined {
  for (const name of ['targetingKey', 'tenant']) {
    if (Object.hasOwn(context, name) && typeof context[name] !== 'string') {
      return `context.${name} must be a string, got ${JSON.stringify(context[name])}: send it as text, e.g. "42"`;
    }
  }
  return undefined;
}

/**
 * Reads an OFREP evaluation request (`{ "context": { ... } }`) into the context to evaluate.
 * An empty body or a body without `context` evaluates with an empty context (the web provider sends
 * `{"context":{}}` before it knows the user). Other members of the body are ignored. The context
 * is a new object the caller owns (parsed from this body), so the edge attributes are added to it
 * in place rather than to a copy.
 *
 * @example const context = await readEvaluationContext(c.req.raw, 'beta'); // { targetingKey: 'u-1' }
 */
export function readEvaluationContext(request: Request, key?: string): Promise<Record<string, unknown>> {
  return readBodyText(request, key).then((text) => contextOf(text, key));
}

function contextOf(text: string, key: string | undefined): Record<string, unknown> {
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new OfrepError(400, 'PARSE_ERROR', `the request body is not valid JSON (${reason})`, { key });
  }
  if (!isObject(body)) {
    throw new OfrepError(400, 'PARSE_ERROR', 'the request body must be a JSON object such as {"context":{"targetingKey":"user-1"}}', {
      key,
    });
  }
  if (!Object.hasOwn(body, 'context')) return {};
  const context = body.context;
  if (!isObject(context)) {
    throw new OfrepError(400, 'INVALID_CONTEXT', `"context" must be a JSON object, got ${describeType(context)}`, { key });
  }
  const problem = keyProblem(context) ?? sizeProblem(context);
  if (problem !== undefined) throw new OfrepError(400, 'INVALID_CONTEXT', problem, { key });
  return context;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
