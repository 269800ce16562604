import type { Document, LineCounter, Node, YAMLError } from 'yaml';
import { isMap, isScalar, isSeq, visit } from 'yaml';
import type { Issue, IssuePath } from '../schema/issue.ts';

const FIXES: Partial<Record<YAMLError['code'], string>> = {
  DUPLICATE_KEY: 'keep one of them',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  BAD_INDENT: 'line the key up with its siblings',
  MULTIPLE_DOCS: 'keep one document per file (remove the --- separator), or split it into two files',
  MISSING_CHAR: 'close the quote, bracket or brace',
  MULTILINE_IMPLICIT_KEY: 'put the key on one line, or close the quote or bracket before it',
  BLOCK_AS_IMPLICIT_KEY: 'indent the nested fields under their key',
};

/** The key whose name starts at `offset`, and its path: YAML reports a duplicate key by offset only. */
function keyAt(node: unknown, offset: number, path: IssuePath): IssuePath | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : '?';
      if ((pair.key as Node | null)?.range?.[0] === offset) return [...path, name];
      const inner = keyAt(pair.value, offset, [...path, name]);
      if (inner !== undefined) return inner;
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const inner = keyAt(node.items[i], offset, [...path, i]);
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

/** An unclosed quote is reported at the end of the file; the quote that opened it is more use. */
function openingQuoteBefore(document: Document.Parsed, offset: number): number | undefined {
  let start: number | undefined;
  visit(document, {
    Scalar(_key, scalar) {
      const range = scalar.range;
      if (range && (scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE') && range[0] < offset && offset <= range[2]) start = range[0];
    },
  });
  return start;
}

/** A YAML parse error as an issue at its line and column. */
export function issueFromYamlError(error: YAMLError, document: Document.Parsed, lines: LineCounter, file: string): Issue {
  let offset = error.pos[0];
  let path: IssuePath = [];
  let message = `YAML syntax: ${error.message.split('\n')[0]}`;
  if (error.code === 'DUPLICATE_KEY') {
    path = keyAt(document.contents, offset, []) ?? [];
    message = `duplicate key ${JSON.stringify(path[path.length - 1] ?? '')} in this map`;
  } else if (error.code === 'MULTIPLE_DOCS') {
    message = 'the file holds more than one YAML document';
  } else if (error.code === 'MISSING_CHAR' && error.message.includes('quote')) {
    offset = openingQuoteBefore(document, offset) ?? offset;
    message = 'YAML syntax: this quoted string is never closed';
  }
  const { line, col } = lines.linePos(offset);
  return {
    code: error.code === 'DUPLICATE_KEY' ? 'duplicate_key' : 'yaml_syntax',
    path,
    message,
    fix: FIXES[error.code] ?? 'fix the YAML syntax here',
    file,
    line,
    column: col,
    ...(error.code === 'DUPLICATE_KEY' ? { at: 'key' as const } : {}),
  };
}
