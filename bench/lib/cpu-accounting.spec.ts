import { describe, expect, it } from '@jest/globals';
import { parseProcStat, readCpuTicks, startCpuAccount, ticksBetween, totalCpuMs } from './cpu-accounting.js';

// A real /proc/<pid>/stat line, utime 1234 and stime 567, its command name holding spaces and ')'.
const STAT =
  '4242 (postgres: a) b) S 1 4242 4242 0 -1 4194560 5046 0 0 0 1234 567 0 0 20 0 1 0 1496 224747520 7430 ' +
  '18446744073709551615 1 1 0 0 0 0 4194304 19473 0 0 0 17 1 0 0 0 0 0';

describe('CPU accounting', () => {
  it('reads the command name and utime + stime from a stat line', () => {
    expect(parseProcStat(STAT)).toEqual({ command: 'postgres: a) b', ticks: 1801 });
    expect(parseProcStat('no parentheses here')).toBeUndefined();
  });

  it('counts the ticks of processes alive at both readings, and a new process whole', () => {
    const before = new Map([
      ['10', 100],
      ['11', 50],
      ['12', 7],
    ]);
    const after = new Map([
      ['10', 130],
      ['11', 50],
      ['13', 20],
    ]);
    expect(ticksBetween(before, after)).toBe(50);
  });

  it("reads this process's own CPU time, which grows with work", () => {
    const before = readCpuTicks(process.pid);
    expect(before).toBeGreaterThanOrEqual(0);
    const until = Date.now() + 100;
    while (Date.now() < until) Math.sqrt(Math.random());
    expect(readCpuTicks(process.pid)).toBeGreaterThan(before!);
  });

  it('divides a round by its requests, this runner counting as the load generator', () => {
    const account = startCpuAccount(process.pid);
    const until = Date.now() + 100;
    while (Date.now() < until) Math.sqrt(Math.random());
    const cpu = account.stop(10)!;
    // ~100 ms of CPU over 10 requests: about 10 ms each, seen by /proc and by process.cpuUsage alike.
    expect(cpu.serverMs).toBeGreaterThan(5);
    expect(cpu.loadGeneratorMs).toBeGreaterThan(5);
    expect(totalCpuMs(cpu)).toBeCloseTo(cpu.serverMs! + (cpu.postgresMs ?? 0) + cpu.loadGeneratorMs);
    expect(startCpuAccount(process.pid).stop(0)).toBeNull();
  });
});
