import { flagFileJsonSchema } from '../../schema/json-schema.ts';
import { defineCommand } from '../command.ts';

/** The committed copy (schema/edgeflag.schema.json) is this output exactly; a test keeps them equal. */
export function schemaText(): string {
  return JSON.stringify(flagFileJsonSchema(), null, 2);
}

export default defineCommand({
  summary: 'Print the JSON Schema of flag files (for editors)',
  usage: 'schema [--json]',
  description: [
    'Prints the JSON Schema (draft-07) of flag file format 1. Point an editor at it with a',
    'yaml-language-server modeline as the first line of a flag file:',
    '  # yaml-language-server: $schema=../schema/edgeflag.schema.json',
    'Regenerate the committed copy with: npx edgeflag schema > schema/edgeflag.schema.json',
  ].join('\n'),
  options: {
    json: { type: 'boolean', description: 'accepted like on every command: the schema is JSON already' },
  },
  positionals: [],
  run(_args, io) {
    io.out(schemaText());
    return 0;
  },
});
