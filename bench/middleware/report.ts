import type { LoadFigures } from '../http/load.ts';
import type { PairedFigures } from './paired-load.ts';

const pad = (text: string, width: number): string => text.padStart(width);

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
 * The cases as a table: throughput, latency, the runtime's CPU per request (steadier than
 * throughput on a shared machine) and the share of the pass-through's throughput.
 */
export function formatFigures(figures: PairedFigures): string {
  const header = ['case'.padEnd(40), pad('req/s', 8), pad('p50 ms', 7), pad('p99 ms', 7), pad('CPU µs/req', 12), pad('share', 9), pad('failed', 7)].join(' ');
  const rounds = figures.compared.map(({ figures: compared, shares }) => `share per round, ${compared.name}: ${shares.map((share) => `${(share * 100).toFixed(0)}%`).join(' ')}`);
  return [
    header,
    row(figures.baseline, '100%'),
    ...figures.compared.map(({ figures: compared, share }) => row(compared, `${(share * 100).toFixed(1)}%`)),
    ...rounds,
  ].join('\n');
}
