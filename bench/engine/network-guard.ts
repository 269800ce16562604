import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

/** Where the benchmark process tried to reach the network; it should stay empty. */
export interface NetworkAttempts {
  readonly refused: number;
  readonly targets: readonly string[];
}

const targets: string[] = [];
let installed = false;

function describe(args: readonly unknown[]): string {
  const [first, second] = args;
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: unknown; hostname?: unknown; port?: unknown; path?: unknown };
    if (options.port === undefined && typeof options.path === 'string') return `pipe ${options.path}`;
    return `${String(options.hostname ?? options.host ?? 'localhost')}:${String(options.port)}`;
  }
  if (typeof first === 'string' && typeof second !== 'number') return `pipe ${first}`;
  return `${typeof second === 'string' ? second : 'localhost'}:${String(first)}`;
}

/**
 * Makes every outgoing connection fail and records it. The peers are configured to run offline;
 * if one still phones home (metrics, diagnostics, polling), the benchmark must show it rather than
 * time a library that waits on a socket. Installed before any peer is imported.
 */
export function installNetworkGuard(): void {
  if (installed) return;
  installed = true;

  // Every TCP/TLS client in Node (http, https, undici behind fetch) ends in Socket#connect.
  const refusingConnect = function (this: net.Socket, ...args: unknown[]): net.Socket {
    const target = Array.isArray(args[0]) ? describe(args[0] as unknown[]) : describe(args);
    targets.push(`socket ${target}`);
    process.nextTick(() => this.destroy(new Error(`bench network guard: connection to ${target} refused`)));
    return this;
  };
  net.Socket.prototype.connect = refusingConnect as typeof net.Socket.prototype.connect;

  // http(s).request: name the URL in the report; the socket underneath is refused above.
  for (const [scheme, module] of [['http', http], ['https', https]] as const) {
    const request = module.request;
    const noted = (...args: Parameters<typeof http.request>): http.ClientRequest => {
      const [first] = args;
      const where = first instanceof URL || typeof first === 'string' ? String(first) : `${scheme}://${first.hostname ?? first.host}`;
      targets.push(`${scheme}.request ${where}`);
      return (request as typeof http.request)(...args);
    };
    module.request = noted as typeof module.request;
    module.get = ((...args: Parameters<typeof http.request>) => {
      const outgoing = noted(...args);
      outgoing.end();
      return outgoing;
    }) as typeof module.get;
  }

  globalThis.fetch = (input: string | URL | Request): Promise<Response> => {
    const where = input instanceof Request ? input.url : String(input);
    targets.push(`fetch ${where}`);
    return Promise.reject(new TypeError(`bench network guard: fetch ${where} refused`));
  };
  // ES modules that import { request } from 'node:http' see the patched functions only after this.
  syncBuiltinESMExports();
}

/** What the guard refused so far. */
export function networkAttempts(): NetworkAttempts {
  const refused = targets.filter((target) => !target.includes('.request ')).length;
  return { refused, targets: [...targets] };
}
