import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
const bin = path.join(repoRoot, 'node_modules', '.bin');

export interface SpawnedApp {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  /** Resolves with the output so far once it matches, rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs a script of the project the way its npm scripts do: `node --import tsx`, with the pinned
 * Node first on PATH. Not through tsx's own command: it relays a signal to the script and, when
 * the script does not answer within 30 ms (busy with a tag evaluation, say), kills it outright.
 */
export function spawnScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}): SpawnedApp {
  const child = spawn(path.join(bin, 'node'), ['--import', 'tsx', script, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` },
  });
  let output = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const check of waiters) check();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
      for (const check of waiters) check();
    }),
  );
  return {
    child,
    output: () => output,
    exited,
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) {
            waiters.delete(check);
            resolve(match);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            waiters.delete(check);
            reject(new Error(`process exited before printing ${pattern}:\n${output}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Calls the headless shell's API as the renderer does. */
export async function callApi(baseUrl: string, token: string | undefined, name: string, args: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ id: 1, name, args }),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> | null };
}
