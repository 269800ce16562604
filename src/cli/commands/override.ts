import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { OverridePayload } from '../../crypto/override-token.ts';
import { OVERRIDE_COOKIE, OVERRIDE_HEADER, signOverrideToken } from '../../crypto/override-token.ts';
import { secretProblem } from '../../crypto/signing-key.ts';
import type { ExitCode } from '../command.ts';
import { defineCommand } from '../command.ts';
import { UsageError, UserError } from '../errors.ts';
import { defaultFlagsPath } from '../flag-files.ts';
import { refuseInvalidFiles } from '../issue-output.ts';
import { whoIsActing } from '../kill/kill-switches.ts';
import { loadFlags } from '../load-flags.ts';
import { overrideProblems, parseOverrideFlags } from '../override/override-flags.ts';
import { ttlSeconds } from '../override/ttl.ts';

const SECRET_NAME = 'EDGEFLAG_OVERRIDE_SECRET';

function readSecret(file: string | undefined, cwd: string): string {
  let secret: string | undefined;
  if (file !== undefined) {
    try {
      secret = readFileSync(resolve(cwd, file), 'utf8').trim();
    } catch (error) {
      throw new UserError(`cannot read --secret-file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  } else {
    secret = process.env[SECRET_NAME];
  }
  const problem = secretProblem(secret, SECRET_NAME);
  if (problem !== undefined) throw new UserError(file === undefined ? `${problem}; then export it here, or pass --secret-file FILE` : `--secret-file ${file}: ${problem}`);
  return secret!;
}

export default defineCommand({
  summary: 'Print a signed, expiring token that forces variants of overridable flags for a tester',
  usage: 'override [path] --flag KEY=VARIANT [--flag ...] [--ttl 1h] [--tester NAME] [--tenant T] [--secret-file FILE] [--json]',
  description: [
    `Signs { v: 1, flags, exp, tester, tenant? } with HMAC-SHA256 and ${SECRET_NAME} (from the`,
    'environment or --secret-file; the Worker holds the same secret) and prints the token:',
    '  base64url(JSON payload) "." base64url(signature)',
    `Send it as the cookie ${OVERRIDE_COOKIE} or the header ${OVERRIDE_HEADER}. The Worker applies it`,
    'only to flags marked overridable, only for --tenant when given, only until it expires; a kill',
    'still wins. The flags are checked against the local flag files (path, default flags/) when',
    'there are any. The token is a bearer credential: keep --ttl short (default 1h, at most 7d).',
  ].join('\n'),
  options: {
    flag: { type: 'string', multiple: true, valueName: 'KEY=VARIANT', description: 'a flag and the variant to force (repeatable)' },
    ttl: { type: 'string', valueName: 'DURATION', description: 'how long the token is valid: 90s, 30m, 1h, 2d (default 1h)' },
    tester: { type: 'string', valueName: 'NAME', description: 'who the token is for (default: git user.name, else $USER)' },
    tenant: { type: 'string', valueName: 'T', description: 'apply only to requests whose context tenant is T' },
    'secret-file': { type: 'string', valueName: 'FILE', description: `read ${SECRET_NAME} from this file instead of the environment` },
    json: { type: 'boolean', description: 'print { token, payload } as one JSON object' },
  },
  positionals: ['path'],
  async run({ values, positionals }, io): Promise<ExitCode> {
    const flags = parseOverrideFlags(values.flag ?? []);
    const ttl = ttlSeconds(values.ttl ?? '1h');
    if (values.tenant !== undefined && values.tenant.trim() === '') throw new UsageError('--tenant is empty: name the tenant, or leave it out for all tenants');
    const path = positionals[0] ?? defaultFlagsPath(io.cwd);
    if (path !== undefined) {
      const loaded = loadFlags(path, io.cwd);
      if (!loaded.ok) refuseInvalidFiles(loaded.issues, io, 'no token signed');
      const problems = overrideProblems(flags, loaded.document);
      if (problems.length > 0) {
        for (const problem of problems) io.err(`${path}: ${problem}`);
        throw new UserError('no token signed: fix the flags above');
      }
    }
    const secret = readSecret(values['secret-file'], io.cwd);
    const payload: OverridePayload = {
      v: 1,
      flags,
      exp: Math.floor(Date.now() / 1000) + ttl,
      tester: whoIsActing(values.tester, io.cwd),
      ...(values.tenant === undefined ? {} : { tenant: values.tenant }),
    };
    const token = await signOverrideToken(payload, secret);
    if (values.json === true) io.out(JSON.stringify({ token, payload }));
    else io.out(token);
    return 0;
  },
});
