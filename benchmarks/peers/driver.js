'use strict';
// The peers' common driver: the same two scenarios as ours, timed in this process, one JSON line on stdout.
// usage (from a peer): node bench.js <throughput|latency> <count> <rate> [mode]

const { performance } = require('node:perf_hooks');

/** Per-instance instants (ms, performance.now) the workflow's steps report. */
class Tracker {
  constructor(count) {
    this.createdAt = new Float64Array(count).fill(NaN);
    this.firstStepAt = new Float64Array(count).fill(NaN);
    this.completedAt = new Float64Array(count).fill(NaN);
    this.completed = 0;
    this.count = count;
    this.waiters = [];
  }

  firstStep(i) {
    // a replayed step must not move the first start
    if (Number.isNaN(this.firstStepAt[i])) this.firstStepAt[i] = performance.now();
  }

  complete(i) {
    if (!Number.isNaN(this.completedAt[i])) return;
    this.completedAt[i] = performance.now();
    if (++this.completed === this.count) this.waiters.forEach((w) => w());
  }

  allDone(timeoutMs) {
    if (this.completed === this.count) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => { clearTimeout(timer); resolve(true); });
    });
  }
}

const args = () => {
  const [scenario, count, rate, mode] = process.argv.slice(2);
  if (!['throughput', 'latency'].includes(scenario) || !(Number(count) > 0)) {
    console.error('usage: node bench.js <throughput|latency> <count> <rate> [mode]');
    process.exit(2);
  }
  return { scenario, count: Number(count), rate: Number(rate) || 0, mode };
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Throughput: creates as fast as the peer accepts them, `inFlight` at a time; latency: open loop at `rate`/s.
 * `start(i)` creates instance i and resolves once the peer accepted it (durably recorded).
 */
async function measure({ scenario, count, rate }, tracker, start, { inFlight = 16, timeoutMs = 600_000 } = {}) {
  let accepted = 0;
  let failed = 0;
  const cpuBefore = process.cpuUsage();
  const firstSent = performance.now();
  let lastAccepted = firstSent;
  const create = async (i) => {
    tracker.createdAt[i] = performance.now();
    try {
      await start(i);
      accepted++;
      lastAccepted = performance.now();
    } catch (e) {
      failed++;
      if (failed <= 3) console.error(`create ${i} failed: ${e.message}`);
    }
  };

  if (scenario === 'throughput') {
    let next = 0;
    await Promise.all(Array.from({ length: inFlight }, async () => {
      while (next < count) await create(next++);
    }));
  } else {
    const pending = [];
    for (let i = 0; i < count; i++) {
      const due = firstSent + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      pending.push(create(i));
    }
    await Promise.all(pending);
  }

  tracker.count = accepted;
  const finished = await tracker.allDone(timeoutMs);
  let lastCompleted = firstSent;
  const firstStepMs = [];
  const completeMs = [];
  for (let i = 0; i < tracker.createdAt.length; i++) {
    if (Number.isNaN(tracker.completedAt[i])) continue;
    lastCompleted = Math.max(lastCompleted, tracker.completedAt[i]);
    firstStepMs.push(tracker.firstStepAt[i] - tracker.createdAt[i]);
    completeMs.push(tracker.completedAt[i] - tracker.createdAt[i]);
  }
  const seconds = (lastCompleted - firstSent) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    scenario,
    finished,
    accepted,
    failed,
    completed: tracker.completed,
    acceptedPerSecond: accepted / ((lastAccepted - firstSent) / 1000),
    seconds,
    instancesPerSecond: tracker.completed / seconds,
    nodeCpuMs: (cpu.user + cpu.system) / 1000,
    firstStepMs,
    completeMs,
  };
}

/**
 * Runs `warmUp` instances first, unmeasured (as our engine gets its warm-up): JIT, pools, and Restate's partition
 * leaders settle before the clock starts. `start(i, prefix)` must give the warm-up's instances ids of their own.
 */
async function warmUpThenMeasure(options, makeTracker, start, warmUp = 200) {
  const warm = makeTracker(warmUp);
  await measure({ scenario: 'throughput', count: warmUp, rate: 0 }, warm, (i) => start(i, 'w'));
  return measure(options, makeTracker(options.count), (i) => start(i, 'm'));
}

/** The one line the benchmark reads; resolves once it is flushed (a pipe takes 64 KiB at a time, and the peer exits next). */
const report = (peer, mode, result) => new Promise((resolve) => {
  const rounded = { ...result, firstStepMs: result.firstStepMs.map(round), completeMs: result.completeMs.map(round) };
  process.stdout.write(JSON.stringify({ peer, mode, ...rounded }) + '\n', resolve);
});

const round = (ms) => Math.round(ms * 100) / 100;

module.exports = { Tracker, args, warmUpThenMeasure, report, sleep };
