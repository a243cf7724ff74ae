// What the floor tools share (plain JavaScript, like them): CPU ticks of processes from /proc, and
// the median of their rounds. Linux only. A tick is 10 ms (USER_HZ 100).
import { readdirSync, readFileSync } from 'node:fs';

/** User + system ticks a process has used; 0 once it is gone. */
export function ticksOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** The pids of the running processes whose command name is in `names` (e.g. every `postgres` backend). */
export function pidsNamed(names) {
  return readdirSync('/proc').filter((pid) => /^\d+$/.test(pid) && names.includes(commOf(pid)));
}

export function commOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
