import type { EvaluationResult } from '../engine/index.ts';

/** The element id a page reads: `JSON.parse(document.getElementById('edgeflag').textContent)`. */
export const BOOTSTRAP_ELEMENT_ID = 'edgeflag';

/** What the page finds in the script element: the OFREP bulk response shape, plus the version. */
export interface BootstrapPayload {
  readonly version: number;
  readonly flags: readonly EvaluationResult[];
}

const UNSAFE = /[<>&\u2028\u2029]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON that can sit inside a `<script>` element: `<` and `>` are escaped so no value can close the
 * element or open a comment (`</script>`, `<!--`; HTML §4.12.1.3 "restrictions for contents of script
 * elements"), `&` for parsers that decode entities, and U+2028/U+2029, which older JavaScript
 * engines read as line breaks. Each becomes a `\uXXXX` escape, which JSON.parse reads back unchanged.
 *
 * @example scriptSafeJson({ v: '</script>' }) // '{"v":"\\u003c/script\\u003e"}'
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, (character) => ESCAPES[character]!);
}

/** Only successful HTML bodies are rewritten; HEAD, 204 and 304 have no body to write into. */
export function isHtmlResponse(method: string, response: Response): boolean {
  if (method === 'HEAD' || response.status === 204 || response.status === 304 || response.body === null) return false;
  const type = response.headers.get('content-type');
  return type !== null && /^\s*text\/html\s*(;|$)/i.test(type);
}

/**
 * Streams an HTML response with the bootstrap script added at the end of `<head>` (or the start of
 * `<body>`, or the end of the document, whichever comes first), using HTMLRewriter. The body grows,
 * so the caller drops any Content-Length of the original.
 *
 * @example c.res = withBootstrap(c.res, { version: 12, flags: clientResults });
 */
export function withBootstrap(response: Response, payload: BootstrapPayload): Response {
  const script = `<script type="application/json" id="${BOOTSTRAP_ELEMENT_ID}">${scriptSafeJson(payload)}</script>`;
  let written = false;
  const write = (element: Element, where: 'append' | 'prepend'): void => {
    if (written) return;
    written = true;
    element[where](script, { html: true });
  };
  return new HTMLRewriter()
    .on('head', { element: (element) => write(element, 'append') })
    .on('body', { element: (element) => write(element, 'prepend') })
    .onDocument({
      end(end) {
        if (!written) end.append(script, { html: true });
      },
    })
    .transform(response);
}
