import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Where a round's CPU went, per request (or operation) measured: the measured server process (all
 * its threads: a login's hashing too), every PostgreSQL process (backends, WAL writer…), and this
 * runner, which is the load generator. The machine has a fixed number of cores, so the sum says how
 * many requests per second it could serve at most, whatever the code around it: a ratio target
 * above `cores ÷ sum` (against a baseline measured the same way) is out of reach on that machine.
 * Linux only (from /proc): null where unavailable.
 */
export interface CpuPerRequest {
  serverMs: number | null;
  postgresMs: number | null;
  loadGeneratorMs: number;
}

export interface CpuAccount {
  /** Ends the account; `requests` is how many the round completed. */
  stop(requests: number): CpuPerRequest | null;
}

let clockTicksPerSecond: number | undefined;

/** `sysconf(_SC_CLK_TCK)`: the unit of /proc's CPU times (100 on every common Linux). */
function ticksPerSecond(): number {
  if (clockTicksPerSecond === undefined) {
    try {
      clockTicksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicksPerSecond = 100;
    }
  }
  return clockTicksPerSecond;
}

/** The command name and utime + stime (in clock ticks) of one line of `/proc/<pid>/stat`. */
export function parseProcStat(line: string): { command: string; ticks: number } | undefined {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  // Fields after the command name, which is in parentheses and may itself contain spaces.
  const fields = line.slice(close + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the line)
  return Number.isFinite(ticks) ? { command: line.slice(open + 1, close), ticks } : undefined;
}

function readStat(pid: number | string): { command: string; ticks: number } | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** CPU time (user + system, all threads) a live process has used, in clock ticks; undefined if unavailable. */
export function readCpuTicks(pid: number): number | undefined {
  return readStat(pid)?.ticks;
}

/** Ticks per live process named `command`, by pid. */
function ticksOfCommand(command: string): Map<string, number> {
  const ticks = new Map<string, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return ticks;
  }
  for (const pid of pids) {
    const stat = readStat(pid);
    if (stat?.command === command) ticks.set(pid, stat.ticks);
  }
  return ticks;
}

/**
 * Ticks PostgreSQL's processes used between two readings: a process that started in between
 * counts whole (a new backend); one that ended in between is lost (rare: the pools stay open).
 */
export function ticksBetween(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const [pid, ticks] of after) total += ticks - (before.get(pid) ?? 0);
  return total;
}

/** Starts counting CPU for one round against the server process `serverPid`. */
export function startCpuAccount(serverPid: number | undefined): CpuAccount {
  const serverBefore = serverPid === undefined ? undefined : readCpuTicks(serverPid);
  const postgresBefore = ticksOfCommand('postgres');
  const runnerBefore = process.cpuUsage();
  return {
    stop(requests) {
      if (requests <= 0) return null;
      const runner = process.cpuUsage(runnerBefore);
      const serverAfter = serverPid === undefined ? undefined : readCpuTicks(serverPid);
      const msPerRequest = (ticks: number) => (ticks * 1000) / ticksPerSecond() / requests;
      return {
        serverMs:
          serverBefore === undefined || serverAfter === undefined ? null : msPerRequest(serverAfter - serverBefore),
        postgresMs:
          postgresBefore.size === 0 ? null : msPerRequest(ticksBetween(postgresBefore, ticksOfCommand('postgres'))),
        loadGeneratorMs: (runner.user + runner.system) / 1000 / requests,
      };
    },
  };
}

/** The sum of what is known: the CPU one request costs the machine. */
export function totalCpuMs(cpu: CpuPerRequest): number {
  return (cpu.serverMs ?? 0) + (cpu.postgresMs ?? 0) + cpu.loadGeneratorMs;
}
