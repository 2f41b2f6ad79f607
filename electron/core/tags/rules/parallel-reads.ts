import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { ReaderAnswer, ReaderJob } from './condition-reader';

export interface ReaderQuery {
  sql: string;
  params: Array<string | number>;
}

export interface PendingReads {
  /** Blocks until the reads are done: each query's single value, in order. Throws when they failed. */
  take(): Array<string | null>;
}

/** A reader that has not begun running by then is taken as broken (its file missing, say). */
const START_TIMEOUT_MS = 10_000;

/**
 * Runs read queries on a second, read-only connection in a worker thread while this thread goes
 * on with its own work: SQLite runs one statement per connection at a time, and these machines
 * have a second core. The replica must not be written until `take()` returns, or the two
 * connections could see different data; the evaluator writes nothing before it has every set.
 */
export function readInWorker(file: string, setup: string[], queries: ReaderQuery[]): PendingReads {
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(8));
  const job: ReaderJob = { file, setup, queries, port: port2, signal };
  let worker: Worker;
  try {
    worker = new Worker(readerUrl(), { workerData: job, transferList: [port2] });
  } catch (error) {
    port1.close();
    return {
      take() {
        throw new Error(`The condition reader did not start: ${(error as Error).message}`);
      },
    };
  }
  worker.unref();
  // A failure to start is also reported here; take() notices it through the start signal.
  worker.on('error', () => {});
  return {
    take() {
      try {
        if (Atomics.wait(signal, 1, 0, START_TIMEOUT_MS) === 'timed-out') throw new Error('The condition reader did not start.');
        Atomics.wait(signal, 0, 0);
        const answer = receiveMessageOnPort(port1)?.message as ReaderAnswer | undefined;
        if (!answer) throw new Error('The condition reader ended without an answer.');
        if ('error' in answer) throw new Error(`The condition reader failed: ${answer.error}`);
        return answer.results;
      } finally {
        port1.close();
        void worker.terminate();
      }
    },
  };
}

/** The reader beside this module: its source under Node and tsx, its own bundle in the Electron build (scripts/build-electron.ts). */
function readerUrl(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './condition-reader.ts' : './condition-reader.js', import.meta.url);
}
