import { parseArgs } from 'node:util';
import { startLineSandbox } from './server';

/**
 * Runs the LINE sandbox on its own: `tsx sandbox/line/main.ts [--port N] [--followers N] [--rate N]`.
 * The token comes from TANTO_LINE_SANDBOX_TOKEN when set; otherwise a random one is made and
 * shown, since it only opens this local imitation.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    followers: { type: 'string' },
    rate: { type: 'string' },
  },
});

const tokenFromEnvironment = process.env.TANTO_LINE_SANDBOX_TOKEN;
const sandbox = await startLineSandbox({
  port: Number(values.port),
  ...(tokenFromEnvironment ? { channelToken: tokenFromEnvironment } : {}),
  ...(values.followers === undefined ? {} : { followerCount: Number(values.followers) }),
  ...(values.rate === undefined ? {} : { rateLimitPerSecond: values.rate === 'none' ? null : Number(values.rate) }),
});

console.log(`LINE sandbox listening on ${sandbox.url}`);
if (!tokenFromEnvironment) console.log(`sandbox channel token: ${sandbox.channelToken}`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void sandbox.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
