import { parseArgs } from 'node:util';
import { startCloudSandbox } from './server';

/** Starts the cloud sandbox on its own: `npx tsx sandbox/cloud/main.ts --members 1000 --port 0`. */
const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '1000' },
    orders: { type: 'string' },
    seed: { type: 'string' },
    port: { type: 'string', default: '0' },
    token: { type: 'string' },
  },
});

const members = Number(values.members);
const sandbox = await startCloudSandbox({
  members,
  orders: values.orders === undefined ? members * 5 : Number(values.orders),
  port: Number(values.port),
  ...(values.seed === undefined ? {} : { seed: Number(values.seed) }),
  ...(values.token === undefined ? {} : { token: values.token }),
});
console.log(`cloud sandbox: ${sandbox.url}`);
console.log(`token: ${sandbox.token}`);
console.log(`feed head: ${sandbox.store.head()} changes`);

const stop = () => {
  void sandbox.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
