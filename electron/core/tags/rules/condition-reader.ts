import Database from 'better-sqlite3';
import { workerData, type MessagePort } from 'node:worker_threads';

/**
 * A worker thread's own read-only connection to the replica, running condition queries beside
 * the evaluator's thread (parallel-reads.ts). It imports nothing of the project, so Node runs
 * this file as it is (type stripping) under tests and tsx, and the Electron build bundles it alone.
 *
 * The job arrives in workerData. `signal[1]` turns 1 once this file runs; the answer goes to
 * `port`, then `signal[0]` turns 1: the evaluator blocks on the signal and takes the answer
 * synchronously.
 */
export interface ReaderJob {
  file: string;
  /** Statements run first, in order (temp tables and what fills them). */
  setup: string[];
  queries: Array<{ sql: string; params: Array<string | number> }>;
  port: MessagePort;
  signal: Int32Array;
}

export type ReaderAnswer = { results: Array<string | null> } | { error: string };

const job = workerData as ReaderJob;
Atomics.store(job.signal, 1, 1);
Atomics.notify(job.signal, 1);
let answer: ReaderAnswer;
try {
  const db = new Database(job.file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -65536');
    for (const sql of job.setup) db.prepare(sql).run();
    answer = { results: job.queries.map((q) => db.prepare(q.sql).pluck().get(...q.params) as string | null) };
  } finally {
    db.close();
  }
} catch (error) {
  answer = { error: (error as Error).message };
}
job.port.postMessage(answer);
Atomics.store(job.signal, 0, 1);
Atomics.notify(job.signal, 0);
