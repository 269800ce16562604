/**
 * Progress of a long operation on a terminal: one line on stderr rewritten in place and erased when
 * done (the command's result follows), and nothing at all when stderr is not a TTY (CI logs and
 * pipes get only the result).
 */
export interface Progress {
  /** `what` names the step under way, for operations made of a few slow steps (rollback). */
  update(done: number, total: number, what?: string): void;
  done(): void;
}

/**
 * A progress line labelled `label` (e.g. `pruning versions`) on `stream`, silent off a terminal.
 *
 * @example const progress = terminalProgress('pruning versions'); progress.update(3, 40); progress.done();
 * @example terminalProgress('rolling back to v3').update(1, 3, 'writing the new version')
 */
export function terminalProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY !== true) return { update() {}, done() {} };
  let shown = false;
  return {
    update(done, total, what) {
      shown = true;
      // CR and ECMA-48 EL (erase line) rewrite the line instead of scrolling.
      stream.write(`\r\u001b[2K${label}: ${done}/${total}${what === undefined ? '' : ` ${what}`}`);
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}
