/*
 * Fallback peak-RSS probe, used by bench/run.js only when GNU time (/usr/bin/time -f %M) is not
 * available. Loaded into the measured process with `node --import bench/rss-hook.js`, it writes
 * process.resourceUsage().maxRSS (getrusage(RUSAGE_SELF).ru_maxrss: the kernel's high-water mark
 * of this process's resident set, in KB), then its user and system CPU seconds, to the file
 * named by BENCH_RSS_FILE as the process exits (the same line GNU time writes for `%M %U %S`). The 'exit' event also fires on process.exit(); a process killed by a signal writes
 * nothing, and the run is then reported without a peak.
 */
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    try {
      const usage = process.resourceUsage(); // maxRSS in KB, CPU times in microseconds
      writeFileSync(target, `${usage.maxRSS} ${usage.userCPUTime / 1e6} ${usage.systemCPUTime / 1e6}\n`);
    } catch {
      // Never change the measured program's exit status because of the probe.
    }
  });
}
