/**
 * The floor: a Worker that answers every request with the same 2 KB of JSON, built once. Loaded
 * in the same workerd as edgeflag, it shows what the runtime and the loopback cost by themselves;
 * edgeflag's throughput is reported as a share of it (bench-notes.md, "HTTP on loopback").
 */

const FLOOR_BODY_BYTES = 2048;

function floorBody(): string {
  const shell = JSON.stringify({ key: 'floor', value: true, variant: 'on', reason: 'STATIC', padding: '' });
  return JSON.stringify({ key: 'floor', value: true, variant: 'on', reason: 'STATIC', padding: 'x'.repeat(FLOOR_BODY_BYTES - shell.length) });
}

/** The floor Worker's module source. */
export function floorWorkerScript(): string {
  return [
    `const BODY = ${JSON.stringify(floorBody())};`,
    'const HEADERS = { "content-type": "application/json" };',
    'export default { fetch() { return new Response(BODY, { headers: HEADERS }); } };',
  ].join('\n');
}

export const FLOOR_BYTES = floorBody().length;
