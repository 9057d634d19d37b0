import { readFileSync } from 'node:fs';

/** Resident memory of a process in MB, from /proc (Linux), as the OS counts it. */
export function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}

/** Samples a process's RSS every `everyMs` until stopped; the peak catches short spikes. */
export function sampleRss(pid: number, everyMs = 20) {
  const samples: number[] = [rssMb(pid)];
  const timer = setInterval(() => {
    try {
      samples.push(rssMb(pid));
    } catch {
      clearInterval(timer); // the process ended
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return { peakMb: Math.max(...samples), lastMb: samples.at(-1) ?? 0, samples: samples.length };
    },
  };
}
