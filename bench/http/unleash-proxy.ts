import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FlagDocument } from '../../src/engine/index.ts';
import { readFlags } from '../engine/flag-shape.ts';
import { unleashToggles } from '../engine/peer-unleash.ts';

export interface UnleashProxy {
  readonly url: string;
  stop(): Promise<void>;
}

const SERVER = fileURLToPath(new URL('./unleash-proxy-server.ts', import.meta.url));

/**
 * Starts @unleash/proxy in a child process with the same flags, translated by the engine
 * benchmark's Unleash adapter, and resolves once it serves them.
 */
export async function startUnleashProxy(document: FlagDocument, port: number, clientKey: string, workDir: string): Promise<UnleashProxy> {
  const togglesPath = join(workDir, 'unleash-toggles.json');
  await writeFile(togglesPath, JSON.stringify(unleashToggles(readFlags(document))));
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, togglesPath, String(port), clientKey], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(`${url}/proxy`, clientKey, child);
  return { url, stop: () => stop(child) };
}

async function waitUntilReady(url: string, clientKey: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`@unleash/proxy exited with ${child.exitCode}`);
    try {
      // 503 until the bootstrap toggles are loaded.
      const response = await fetch(url, { headers: { authorization: clientKey } });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop(child);
  throw new Error('@unleash/proxy did not become ready within 30 s');
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
