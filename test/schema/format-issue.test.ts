import { describe, expect, it } from 'vitest';
import { formatIssue, formatPath } from '../../src/schema/index.ts';

describe('formatIssue', () => {
  it('prints file:line:column, the path, the message and the fix on one line', () => {
    const line = formatIssue({
      code: 'unknown_variant',
      path: ['flags', 'new-checkout', 'rules', 0, 'variant'],
      message: 'unknown variant "onn"',
      fix: 'use one of: on, off',
      file: 'examples/flags/checkout.yaml',
      line: 12,
      column: 7,
    });
    expect(line).toBe('examples/flags/checkout.yaml:12:7  flags.new-checkout.rules[0].variant  unknown variant "onn"  fix: use one of: on, off');
  });

  it('leaves out what it does not know: no file, no path, no fix', () => {
    expect(formatIssue({ code: 'custom', path: [], message: 'something', fix: '' })).toBe('something');
  });
});

describe('formatPath', () => {
  it('quotes keys that are not plain words, so a dotted flag key stays one step', () => {
    expect(formatPath(['flags', 'checkout.v2', 'targets', 'on'])).toBe('flags["checkout.v2"].targets.on');
    expect(formatPath(['flags', 'bad key'])).toBe('flags["bad key"]');
  });
});
