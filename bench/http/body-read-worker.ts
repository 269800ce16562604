// A reference for `npm run bench:http`: the least an OFREP endpoint can do. It routes the POST
// with Hono, reads and parses the JSON body, and answers a fixed single-flag result with the same
// headers edgeflag sends, but evaluates nothing. The floor reads no body at all, so this shows how
// much of the floor's rate any Worker that must read a request body can keep on this machine.
import { Hono } from 'hono';

const BODY = JSON.stringify({ key: 'reference', value: true, variant: 'on', reason: 'STATIC' });
const HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'private, no-store', 'x-edgeflag-version': '1' };

const app = new Hono();
app.post('/ofrep/v1/evaluate/flags/:key', async (c) => {
  JSON.parse(await c.req.raw.text());
  return new Response(BODY, { headers: HEADERS });
});

export default app;
