import { parseArgs } from 'node:util';
import { startEcforceSandbox } from './server';

/**
 * Runs the ecforce admin sandbox on its own: `tsx sandbox/ecforce/main.ts [--port N]
 * [--idle-minutes N] [--layout standard|variant]`. The members' passwords are made at start
 * and shown, since they only open this local imitation.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'idle-minutes': { type: 'string' },
    layout: { type: 'string', default: 'standard' },
  },
});

const sandbox = await startEcforceSandbox({
  port: Number(values.port),
  ...(values['idle-minutes'] === undefined ? {} : { idleTimeoutMinutes: Number(values['idle-minutes']) }),
});
if (values.layout === 'variant') sandbox.setFaults({ layout: 'variant' });

console.log(`ecforce sandbox listening on ${sandbox.url}/admin`);
for (const account of sandbox.accounts) {
  console.log(`  ${account.email}  ${account.password}  (${account.permissions.join('・') || '権限なし'})`);
}

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void sandbox.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
