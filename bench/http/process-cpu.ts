import { readdirSync, readFileSync } from 'node:fs';

/** CPU time (user + system) one process has used so far. */
export interface ProcessCpu {
  milliseconds(): number;
}

/** Linux reports CPU time in clock ticks of 1/100 s in /proc/<pid>/stat (fields 14 and 15). */
const MS_PER_TICK = 10;

function readStat(pid: string): string[] | undefined {
  try {
    // The command name (field 2) may hold spaces: split after its closing parenthesis.
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ');
  } catch {
    return undefined;
  }
}

/**
 * The CPU clock of this process's child named `name` (miniflare's workerd), or undefined where
 * /proc is not there to read (macOS, Windows): the benchmark then reports throughput only.
 *
 * @example const cpu = childCpu('workerd'); const before = cpu?.milliseconds();
 */
export function childCpu(name: string): ProcessCpu | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return undefined;
  }
  const pid = pids.find((candidate) => {
    const stat = readStat(candidate);
    let comm = '';
    try {
      comm = readFileSync(`/proc/${candidate}/comm`, 'utf8').trim();
    } catch {
      return false;
    }
    // After the command name: state (0), then the parent's pid (1).
    return comm === name && stat?.[1] === String(process.pid);
  });
  if (pid === undefined) return undefined;
  return {
    milliseconds() {
      const stat = readStat(pid);
      return stat === undefined ? Number.NaN : (Number(stat[11]) + Number(stat[12])) * MS_PER_TICK;
    },
  };
}
