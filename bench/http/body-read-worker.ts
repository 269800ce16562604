// The reference of `npm run bench:http`: the least an OFREP endpoint can do. It routes the POST
// with Hono, reads and parses the JSON body, and answers fixed text with the same headers edgeflag
// sends, but evaluates nothing: a single-flag result, or for a bulk request the var BULK_ANSWER (a
// real 200-flag answer, computed before the run, so the bytes written are what edgeflag writes).
// The floor reads no body and writes 2 KB, so this shows how much of the floor's rate any Worker
// that must read the request and write OFREP's answer can keep on this machine.
import { Hono } from 'hono';

const SINGLE = JSON.stringify({ key: 'reference', value: true, variant: 'on', reason: 'STATIC' });
const HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'private, no-store', 'x-edgeflag-version': '1' };

const app = new Hono<{ Bindings: { readonly BULK_ANSWER: string } }>();
app.post('/ofrep/v1/evaluate/flags/:key', async (c) => {
  JSON.parse(await c.req.raw.text());
  return new Response(SINGLE, { headers: HEADERS });
});
app.post('/ofrep/v1/evaluate/flags', async (c) => {
  JSON.parse(await c.req.raw.text());
  return new Response(c.env.BULK_ANSWER, { headers: HEADERS });
});

export default app;
