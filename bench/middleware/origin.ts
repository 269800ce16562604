import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface OriginProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts origin-server.ts in a child process and waits for its port. */
export function startOrigin(root: string): Promise<OriginProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/middleware/origin-server.ts')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const port = /^(\d+)\n/.exec(output)?.[1];
      if (port !== undefined) resolve({ url: `http://127.0.0.1:${port}`, stop });
    });
    child.once('exit', (code) => reject(new Error(`the bench origin exited with code ${code} before it listened`)));
  });
}
