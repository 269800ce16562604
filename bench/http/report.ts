import type { LoadFigures } from './load.ts';

export interface Target {
  readonly name: string;
  /** Minimum share of the floor's requests per second. */
  readonly share: number;
}

export interface Verdict {
  readonly name: string;
  readonly share: number;
  readonly target: number;
  readonly pass: boolean;
}

const pad = (text: string, width: number): string => text.padStart(width);

/** The figures as a table, each with its share of the floor's requests per second. */
export function formatTable(title: string, figures: readonly LoadFigures[], floor: LoadFigures): string {
  const rows = figures.map((row) =>
    [
      row.name.padEnd(34),
      pad(row.requestsPerSecond.toFixed(0), 9),
      pad(row.p50.toFixed(1), 7),
      pad(row.p99.toFixed(1), 7),
      pad(`${((row.requestsPerSecond / floor.requestsPerSecond) * 100).toFixed(1)}%`, 9),
      pad(String(row.failures), 6),
      pad(row.cpuMicros === undefined ? '-' : row.cpuMicros.toFixed(0), 11),
    ].join(' '),
  );
  const header = ['case'.padEnd(34), pad('req/s', 9), pad('p50 ms', 7), pad('p99 ms', 7), pad('of floor', 9), pad('non2xx', 6), pad('CPU µs/req', 11)].join(' ');
  return [title, header, ...rows].join('\n');
}

/** PASS when a case reaches its share of the floor and had no failed requests. */
export function verdicts(figures: readonly LoadFigures[], floor: LoadFigures, targets: readonly Target[]): Verdict[] {
  return targets.map((target) => {
    const row = figures.find((candidate) => candidate.name === target.name);
    if (row === undefined) throw new Error(`no figures for ${target.name}`);
    const share = row.requestsPerSecond / floor.requestsPerSecond;
    return { name: target.name, share, target: target.share, pass: share >= target.share && row.failures === 0 && floor.failures === 0 };
  });
}

export function formatVerdict(verdict: Verdict): string {
  const share = `${(verdict.share * 100).toFixed(1)}%`;
  return `${verdict.pass ? 'PASS' : 'MISS'}  ${verdict.name}: ${share} of the floor (target >= ${(verdict.target * 100).toFixed(0)}%)`;
}
