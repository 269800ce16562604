import type { LoadFigures } from './load.ts';
import type { ComparedFigures, PairedFigures } from './paired-load.ts';

export interface Target {
  readonly name: string;
  /** Minimum share of the baseline's requests per second (median of the rounds). */
  readonly share: number;
}

export interface Verdict {
  readonly name: string;
  readonly share: number;
  readonly target: number;
  readonly pass: boolean;
}

const pad = (text: string, width: number): string => text.padStart(width);
const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

const HEADER = ['case'.padEnd(40), pad('req/s', 8), pad('p50 ms', 7), pad('p99 ms', 7), pad('CPU µs/req', 12), pad('share', 9), pad('failed', 7)].join(' ');

function row(figures: LoadFigures, share: string): string {
  return [
    figures.name.padEnd(40),
    pad(figures.requestsPerSecond.toFixed(0), 8),
    pad(figures.p50.toFixed(1), 7),
    pad(figures.p99.toFixed(1), 7),
    pad(figures.cpuMicros === undefined ? 'n/a' : figures.cpuMicros.toFixed(0), 12),
    pad(share, 9),
    pad(String(figures.failures), 7),
  ].join(' ');
}

/**
 * Paired cases as a table: throughput, latency, the runtime's CPU per request (steadier than
 * throughput on a shared machine) and the share of the baseline's throughput (median of the
 * per-round ratios), then each case's share round by round, so a reader sees the spread.
 */
export function formatPaired(figures: PairedFigures): string {
  const rounds = figures.compared.map(({ figures: compared, shares }) => `share per round, ${compared.name}: ${shares.map((share) => `${(share * 100).toFixed(0)}%`).join(' ')}`);
  return [
    HEADER,
    row(figures.baseline, '100%'),
    ...figures.compared.map(({ figures: compared, share }) => row(compared, percent(share))),
    ...rounds,
  ].join('\n');
}

/** Cases measured apart from the baseline (another process), each as a share of the baseline's overall rate. */
export function formatAgainst(figures: readonly LoadFigures[], baseline: LoadFigures): string {
  return [HEADER, ...figures.map((figure) => row(figure, percent(figure.requestsPerSecond / baseline.requestsPerSecond)))].join('\n');
}

/** PASS when a case's median share reaches its target and neither it nor the baseline had a failed request. */
export function verdicts(figures: PairedFigures, targets: readonly Target[]): Verdict[] {
  return targets.map((target) => {
    const compared: ComparedFigures | undefined = figures.compared.find((candidate) => candidate.figures.name === target.name);
    if (compared === undefined) throw new Error(`no figures for ${target.name}`);
    const pass = compared.share >= target.share && compared.figures.failures === 0 && figures.baseline.failures === 0;
    return { name: target.name, share: compared.share, target: target.share, pass };
  });
}

export function formatVerdict(verdict: Verdict, baseline: string): string {
  return `${verdict.pass ? 'PASS' : 'MISS'}  ${verdict.name}: ${percent(verdict.share)} of ${baseline} (median of the rounds; target >= ${(verdict.target * 100).toFixed(0)}%)`;
}
