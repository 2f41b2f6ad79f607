import { parseArgs } from 'node:util';
import { startDemo } from './demo/start-demo';
import { demoSummary } from './demo/summary';
import { tapCrosssells, tapOutcome } from './demo/taps';

/**
 * `npm run demo -- [--members N] [--orders N] [--data DIR] [--port N] [--robot] [--taps N] [--exit-when-idle]`
 * --taps N makes N customers tap a cross-sell (and starts the robot); --exit-when-idle waits until
 * the robot has worked everything, prints the outcome as one JSON line and exits.
 */
const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '10000' },
    orders: { type: 'string' },
    data: { type: 'string' },
    port: { type: 'string' },
    robot: { type: 'boolean', default: false },
    taps: { type: 'string', default: '0' },
    'exit-when-idle': { type: 'boolean', default: false },
  },
});

const members = Number(values.members);
const orders = values.orders === undefined ? members * 5 : Number(values.orders);
const taps = Number(values.taps);
if (!Number.isInteger(members) || members < 1 || !Number.isInteger(orders) || orders < 0 || !Number.isInteger(taps) || taps < 0) {
  console.error('--members must be a positive whole number, --orders and --taps whole numbers.');
  process.exit(2);
}

console.log(`Starting the demo shop: ${members.toLocaleString('en-US')} members, ${orders.toLocaleString('en-US')} orders…`);
const demo = await startDemo({
  members,
  orders,
  ...(values.data === undefined ? {} : { dataDir: values.data }),
  ...(values.port === undefined ? {} : { port: Number(values.port) }),
  robot: values.robot || taps > 0,
});
console.log(demoSummary(demo));
const tapped = taps > 0 ? await tapCrosssells(demo, taps) : [];
if (taps > 0) console.log(`${taps} customers tapped a cross-sell; the robot is working (LOC ${tapped[0]}–${tapped.at(-1)}).`);

if (values['exit-when-idle']) {
  await demo.app.core.robot?.whenIdle();
  await demo.app.core.sync.now();
  const outcome = await tapOutcome(demo, tapped);
  await demo.stop();
  console.log(JSON.stringify(outcome));
  process.exit(0);
}

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  console.log('Stopping the demo…');
  void demo.stop().then(
    () => {
      console.log('Stopped.');
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
