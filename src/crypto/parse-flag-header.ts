import { decodeFlagKey } from './flag-header.ts';

/** What `parseFlagHeader` gives back: flag key -> variant name, or why the text is not a flag header. */
export type ParsedFlagHeader =
  | { readonly ok: true; readonly flags: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly problem: string };

const SF_KEY_START = /[a-z*]/;
const SF_KEY_CHAR = /[a-z0-9_\-.*]/;
const SF_TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z:/]/;
const SF_TOKEN_START = /[A-Za-z*]/;

/**
 * Reads an `x-edgeflag` header: the Dictionary parsing algorithm of RFC 9651 §4.2.2, limited to what
 * the edge writes (members whose value is an sf-token or sf-string, no parameters, no inner lists).
 * Anything else is refused rather than guessed at. A later duplicate key wins, as §4.2.2 says.
 *
 * @example parseFlagHeader('new-checkout=on, *n*u*x="2"') // { ok: true, flags: { 'new-checkout': 'on', NUX: '2' } }
 */
export function parseFlagHeader(text: string): ParsedFlagHeader {
  const flags: Record<string, string> = Object.create(null) as Record<string, string>;
  let at = 0;
  const fail = (problem: string): ParsedFlagHeader => ({ ok: false, problem: `${problem} at character ${at}` });
  const skip = (pattern: RegExp): void => {
    while (at < text.length && pattern.test(text[at]!)) at++;
  };
  skip(/ /);
  while (at < text.length) {
    if (!SF_KEY_START.test(text[at]!)) return fail('a dictionary key must start with a lowercase letter or "*"');
    const keyStart = at;
    skip(SF_KEY_CHAR);
    const flagKey = decodeFlagKey(text.slice(keyStart, at));
    if (flagKey === undefined) return fail(`"${text.slice(keyStart, at)}" is not an encoded flag key`);
    if (text[at] !== '=') return fail(`flag "${flagKey}" has no variant`);
    at++;
    let variant: string;
    if (text[at] === '"') {
      at++;
      variant = '';
      for (;;) {
        const character = text[at++];
        if (character === undefined) return fail('an sf-string is not closed');
        if (character === '"') break;
        if (character === '\\') {
          const escaped = text[at++];
          if (escaped !== '"' && escaped !== '\\') return fail('an sf-string escapes something other than \\ or "');
          variant += escaped;
        } else if (character < ' ' || character > '~') {
          return fail('an sf-string holds a character outside printable ASCII');
        } else {
          variant += character;
        }
      }
    } else if (at < text.length && SF_TOKEN_START.test(text[at]!)) {
      const tokenStart = at;
      at++;
      skip(SF_TOKEN_CHAR);
      variant = text.slice(tokenStart, at);
    } else {
      return fail(`flag "${flagKey}" has a value that is neither an sf-token nor an sf-string`);
    }
    if (text[at] === ';') return fail('parameters are not part of an edgeflag header');
    flags[flagKey] = variant;
    skip(/[ \t]/);
    if (at >= text.length) break;
    if (text[at] !== ',') return fail('members must be separated by ","');
    at++;
    skip(/[ \t]/);
    if (at >= text.length) return fail('the header ends with a trailing ","');
  }
  return { ok: true, flags };
}
