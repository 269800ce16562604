import * as z from 'zod';

import { KEY_PATTERN, KEY_RULE } from './key-pattern.ts';

export { KEY_PATTERN, KEY_RULE } from './key-pattern.ts';

/** A record key of the given kind, e.g. `keySchema('flag key')`. */
export function keySchema(kind: string) {
  return z.string().regex(KEY_PATTERN).meta({ description: `${kind}: ${KEY_RULE}` });
}
