import { describe, expect, it } from 'vitest';
import { terminalProgress } from '../../src/cli/history/progress.ts';

/** A stand-in for process.stderr: whether it is a terminal is the one thing a test cannot cause for real. */
function stream(isTTY: boolean): { written: string[]; stream: NodeJS.WriteStream } {
  const written: string[] = [];
  const fake = { isTTY, write: (text: string) => written.push(text) > 0 } as unknown as NodeJS.WriteStream;
  return { written, stream: fake };
}

describe('progress of long operations', () => {
  it('rewrites one stderr line in place on a terminal and erases it when done', () => {
    const tty = stream(true);
    const progress = terminalProgress('pruning old versions', tty.stream);
    progress.update(0, 250);
    progress.update(100, 250);
    progress.update(2, 3, 'writing the new version');
    progress.done();
    expect(tty.written).toEqual([
      '\r\u001b[2Kpruning old versions: 0/250',
      '\r\u001b[2Kpruning old versions: 100/250',
      '\r\u001b[2Kpruning old versions: 2/3 writing the new version',
      '\r\u001b[2K',
    ]);
  });

  it('writes nothing when stderr is not a terminal (CI logs, pipes)', () => {
    const pipe = stream(false);
    const progress = terminalProgress('pruning old versions', pipe.stream);
    progress.update(1, 2);
    progress.done();
    expect(pipe.written).toEqual([]);
  });
});
