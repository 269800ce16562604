import type { Flag } from '../engine/document.ts';
import type { Issue } from './issue.ts';

type Color = 'visiting' | 'done';

/**
 * A flag that depends on itself, directly or through others, could never be evaluated. Each cycle
 * is reported once, at the prerequisite that closes it, named in full: `a -> b -> a`.
 */
export function checkPrerequisiteCycles(flags: ReadonlyMap<string, Flag>, issues: Issue[]): void {
  const color = new Map<string, Color>();
  const stack: string[] = [];

  const visit = (key: string): void => {
    color.set(key, 'visiting');
    stack.push(key);
    (flags.get(key)?.prerequisites ?? []).forEach((prerequisite, i) => {
      const next = prerequisite.flag;
      const state = color.get(next);
      if (state === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        issues.push({
          code: 'prerequisite_cycle',
          path: ['flags', key, 'prerequisites', i, 'flag'],
          message: `prerequisite cycle: ${cycle.join(' -> ')}`,
          fix: `remove one of the prerequisites in the cycle (a flag cannot depend on itself)`,
        });
      } else if (state === undefined && flags.has(next)) {
        visit(next);
      }
    });
    stack.pop();
    color.set(key, 'done');
  };

  for (const key of flags.keys()) if (!color.has(key)) visit(key);
}
