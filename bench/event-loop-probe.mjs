/**
 * Preloaded into a benchmarked server (`node --import ./bench/event-loop-probe.mjs ...`):
 * records the server's own event-loop delay, so a benchmark can tell the latency the
 * server adds from the latency the load generator and the kernel add. SIGUSR2 starts a
 * fresh window (sent when the load starts); at exit the window is written as JSON to
 * $EVENT_LOOP_PROBE_OUT. Benchmarks only; the service never loads it.
 */
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 1 });
histogram.enable();
process.on('SIGUSR2', () => histogram.reset());
process.on('exit', () => {
  const ms = (ns) => Number((ns / 1e6).toFixed(2));
  const out = process.env.EVENT_LOOP_PROBE_OUT;
  if (out) writeFileSync(out, JSON.stringify({ p50Ms: ms(histogram.percentile(50)), p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max) }));
});
