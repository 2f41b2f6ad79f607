// Loaded into a process under test with NODE_OPTIONS=--import: on SIGUSR2 it starts a child the
// ordinary way, inheriting this process's environment as it is now, and that child prints it.
import { spawn } from 'node:child_process';

process.on('SIGUSR2', () => {
  const child = spawn(process.execPath, ['-e', 'process.stdout.write(`env-probe: ${JSON.stringify(process.env)}\\n`)'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.unref();
});
