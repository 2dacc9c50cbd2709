import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) process `pid` has used so far; 0 once it is gone. */
function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (comm) ", fields start at the 3rd (state); utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Busy CPU seconds of the whole machine (every core, everything but idle and iowait). */
function machineBusySeconds(): number {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = (cpu ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
}

/** The pid of the shared NATS server the bench runs against (port 4222), if found. */
function natsServerPid(): number | null {
  try {
    const pid = execFileSync('pgrep', ['-f', 'nats-server.*-p 4222'], { encoding: 'utf8' }).trim().split('\n')[0];
    return pid ? Number(pid) : null;
  } catch {
    return null;
  }
}

/**
 * Where the CPU went during a scenario: cores used by each named process (the built
 * services, this bench process — the publisher — and the NATS server) and by the whole
 * machine, out of the cores it has. On 2 cores this says what limits a throughput run.
 */
export function startCpuMeter(processes: Record<string, number | undefined>) {
  const named: Record<string, number> = { publisher: process.pid };
  for (const [name, pid] of Object.entries(processes)) if (pid !== undefined) named[name] = pid;
  const nats = natsServerPid();
  if (nats !== null) named['nats-server'] = nats;
  const before = Object.fromEntries(Object.entries(named).map(([name, pid]) => [name, processCpuSeconds(pid)]));
  const machineBefore = machineBusySeconds();
  const started = performance.now();
  return {
    /** "forecaster 0.92, … , machine 1.97 of 2 cores" over the time since start. */
    summary(): string {
      const seconds = (performance.now() - started) / 1000;
      const cores = (used: number) => (used / seconds).toFixed(2);
      const parts = Object.entries(named).map(
        ([name, pid]) => `${name} ${cores(processCpuSeconds(pid) - (before[name] ?? 0))}`,
      );
      parts.push(`machine ${cores(machineBusySeconds() - machineBefore)} of ${availableParallelism()} cores`);
      return `CPU cores used: ${parts.join(', ')}`;
    },
  };
}
