import { parseArgs } from 'node:util';
import { startDemo } from './demo/start-demo';
import { demoSummary } from './demo/summary';

/** `npm run demo -- [--members N] [--orders N] [--data DIR] [--port N]` */
const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '10000' },
    orders: { type: 'string' },
    data: { type: 'string' },
    port: { type: 'string' },
  },
});

const members = Number(values.members);
const orders = values.orders === undefined ? members * 5 : Number(values.orders);
if (!Number.isInteger(members) || members < 1 || !Number.isInteger(orders) || orders < 0) {
  console.error('--members must be a positive whole number and --orders a whole number.');
  process.exit(2);
}

console.log(`Starting the demo shop: ${members.toLocaleString('en-US')} members, ${orders.toLocaleString('en-US')} orders…`);
const demo = await startDemo({
  members,
  orders,
  ...(values.data === undefined ? {} : { dataDir: values.data }),
  ...(values.port === undefined ? {} : { port: Number(values.port) }),
});
console.log(demoSummary(demo));

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
