import type { Issue } from '../schema/issue.ts';

/**
 * The CLI tells the user's mistakes from its own bugs: these two print a message and exit 2 or 1;
 * anything else thrown is a bug and prints its stack.
 */

/** A command line that does not make sense (unknown option, missing argument): exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Input that cannot be used (a missing file, invalid flags, a context that is not JSON): exit 1. */
export class UserError extends Error {
  override readonly name: string = 'UserError';
}

/** Flag files that do not validate: the issues are printed line by line, and `--json` lists them. */
export class InvalidFlagFilesError extends UserError {
  override readonly name = 'InvalidFlagFilesError';
  readonly issues: readonly Issue[];

  constructor(issues: readonly Issue[], message: string) {
    super(message);
    this.issues = issues;
  }
}
