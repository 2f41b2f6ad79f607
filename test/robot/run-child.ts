import { spawn } from 'node:child_process';
import path from 'node:path';

const script = path.join(import.meta.dirname, 'runner-child.ts');

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/**
 * Runs runner-child.ts in its own Node process (this Node, tsx as a loader rather than a
 * wrapper process), so a SIGKILL it sends itself is what its parent sees.
 */
export function runRobotChild(env: Record<string, string>): Promise<ChildExit> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, output })));
}
