import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { coreChildEnv } from './core-env';
import type { CoreChild } from './core-supervisor';

/**
 * Test support: the real core-process entry in a process of its own, as the supervisor starts
 * it. Node's fork stands in for utilityProcess.fork and the entry gets its parentPort from
 * core-process/test-parent-port.ts; the child's environment is what main.ts gives it.
 */
const ENTRY = path.join(import.meta.dirname, '../core-process/test-parent-port.ts');

export function coreForker(env: NodeJS.ProcessEnv = {}) {
  const children: ChildProcess[] = [];
  let output = '';
  return {
    children,
    output: () => output,
    fork(args: string[]): CoreChild {
      const proc = fork(ENTRY, args, { execArgv: ['--import', 'tsx'], env: coreChildEnv({ ...process.env, ...env }), stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
      children.push(proc);
      proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      return {
        postMessage: (message) => void proc.send(message),
        on: (event, listener) => proc.on(event, listener),
        once: (event, listener) => proc.once(event, listener),
        kill: () => proc.kill(),
      };
    },
    killAll(): void {
      for (const child of children) child.kill('SIGKILL');
    },
  };
}
