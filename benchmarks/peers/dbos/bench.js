'use strict';
// DBOS Transact peer: a workflow of three steps on its own PostgreSQL database (PEER_DATABASE_URL);
// mode "queue" enqueues on a durable queue its workers pull from (like our Executor), "direct" starts in-process.
const { DBOS } = require('@dbos-inc/dbos-sdk');
const { Tracker, args, warmUpThenMeasure, report } = require('../driver.js');

const options = args();
const mode = options.mode === 'direct' ? 'direct' : 'queue';
// The tracker of the run in progress (the warm-up's, then the measured one's).
let tracker;
const makeTracker = (count) => { tracker = new Tracker(count); return tracker; };
const queueName = 'bench';

// Each step is a checkpointed DBOS step, as each of ours is a step.Do with a persisted outcome.
const step = DBOS.registerStep(async (i, n) => {
  if (n === 1) tracker.firstStep(i);
  return i + n;
}, { name: 'step' });

const threeSteps = DBOS.registerWorkflow(async (i) => {
  let sum = 0;
  for (let n = 1; n <= 3; n++) sum += await step(i, n);
  tracker.complete(i);
  return sum;
}, { name: 'threeSteps' });

(async () => {
  DBOS.setConfig({
    name: 'workflows-bench',
    systemDatabaseUrl: process.env.PEER_DATABASE_URL,
    systemDatabasePoolSize: 20,
    logLevel: 'warn',
  });
  await DBOS.launch();
  // As many workflows run at once in this one worker as our Executor runs instances; its dispatch loop polls
  // every 100 ms instead of the default 1 s, DBOS at its quickest without hammering the database.
  if (mode === 'queue') await DBOS.registerQueue(queueName, { workerConcurrency: 64, minPollingIntervalMs: 100 });
  const start = mode === 'queue'
    ? (i, prefix) => DBOS.startWorkflow(threeSteps, { workflowID: `${prefix}-${i}`, queueName })(i)
    : (i, prefix) => DBOS.startWorkflow(threeSteps, { workflowID: `${prefix}-${i}` })(i);
  const result = await warmUpThenMeasure(options, makeTracker, start);
  await report('DBOS', mode, result);
  await DBOS.shutdown();
  process.exit(0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
