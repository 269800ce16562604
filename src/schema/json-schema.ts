import * as z from 'zod';
import { flagDocumentSchema } from './document.ts';

/**
 * The JSON Schema of flag file format 1, for editors (yaml-language-server, VS Code). It checks the
 * shape; names across flags, literals and cycles are checked by `edgeflag validate`. Draft-07,
 * because it is the draft every editor's validator supports in full.
 *
 * @example writeFileSync('schema/edgeflag.schema.json', JSON.stringify(flagFileJsonSchema(), null, 2) + '\n');
 */
export function flagFileJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(flagDocumentSchema, { target: 'draft-07', io: 'input', unrepresentable: 'throw' });
}
