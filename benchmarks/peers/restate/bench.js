'use strict';
// Restate peer: a service of three journaled steps (ctx.run) behind a restate-server this script starts on its own
// data dir (PEER_DATA_DIR) and ports, and stops when done. Instances are invoked through the ingress with /send,
// which answers once the invocation is in Restate's log.

// restate-sdk 1.17 calls Promise.withResolvers, which Node 20 lacks.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}

// The SDK's per-invocation INFO lines would flood the benchmark's output.
process.env.RESTATE_LOGGING ??= 'WARN';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const restate = require('@restatedev/restate-sdk');
const { Tracker, args, warmUpThenMeasure, report, sleep } = require('../driver.js');

const options = args();
// The tracker of the run in progress (the warm-up's, then the measured one's).
let tracker;
const makeTracker = (count) => { tracker = new Tracker(count); return tracker; };
const ports = { ingress: 18080, admin: 19070, node: 15122, endpoint: 19080 };
const dataDir = process.env.PEER_DATA_DIR || path.resolve(__dirname, '../../../.workflows/restate-data');

const bench = restate.service({
  name: 'bench',
  handlers: {
    run: async (ctx, i) => {
      let sum = 0;
      for (let n = 1; n <= 3; n++) {
        sum += await ctx.run(`step ${n}`, async () => {
          if (n === 1) tracker.firstStep(i);
          return i + n;
        });
      }
      tracker.complete(i);
      return sum;
    },
  },
});

async function until(what, probe, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await probe()) return;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error(`${what} did not come up in ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

/** utime + stime of a process in ms, from /proc (USER_HZ = 100). */
function cpuMsOf(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const binary = require.resolve('@restatedev/restate-server-linux-x64/bin/restate-server');
  const server = spawn(binary, ['--base-dir', dataDir, '--no-logo', '--listen-mode', 'tcp', '--node-name', 'bench',
    '--bind-address', `127.0.0.1:${ports.node}`, '--advertised-address', `http://127.0.0.1:${ports.node}`], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      RESTATE_INGRESS__BIND_ADDRESS: `127.0.0.1:${ports.ingress}`,
      RESTATE_ADMIN__BIND_ADDRESS: `127.0.0.1:${ports.admin}`,
      RESTATE_DISABLE_TELEMETRY: 'true',
      RESTATE_LOG_FILTER: 'warn',
    },
  });
  const stop = () => { if (server.exitCode === null) server.kill('SIGKILL'); };
  process.on('exit', stop);
  try {
    await until('restate-server', async () => (await fetch(`http://127.0.0.1:${ports.admin}/health`)).ok);
    await restate.endpoint().bind(bench).listen(ports.endpoint);
    await until('the deployment', async () => (await fetch(`http://127.0.0.1:${ports.admin}/deployments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ uri: `http://127.0.0.1:${ports.endpoint}` }),
    })).ok);
    await until('the ingress', async () => (await fetch(`http://127.0.0.1:${ports.ingress}/restate/health`)).ok);

    const start = async (i) => {
      const response = await fetch(`http://127.0.0.1:${ports.ingress}/bench/run/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(i),
      });
      if (!response.ok) throw new Error(`ingress answered ${response.status}: ${await response.text()}`);
    };
    let serverCpuBefore = 0;
    const result = await warmUpThenMeasure(options, makeTracker, (i, prefix) => {
      if (prefix === 'm' && i === 0) serverCpuBefore = cpuMsOf(server.pid);
      return start(i);
    });
    result.serverCpuMs = cpuMsOf(server.pid) - serverCpuBefore;
    await report('Restate', 'server', result);
  } finally {
    stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
