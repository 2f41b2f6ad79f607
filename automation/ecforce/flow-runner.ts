import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { FlowAborted, type DriverError } from '../cart-driver';
import { newArtifactsFolder } from './artifacts';
import { toDriverError, type Redact } from './errors';
import type { ScreenDeps } from './pages/admin-screen';
import { FlowTracer } from './tracer';

export interface FlowRunnerOptions {
  context: BrowserContext;
  page: () => Page | null;
  deps: () => ScreenDeps | null;
  artifactsDir: string;
  trace: boolean;
  redact: Redact;
  log: (line: string) => void;
  now: () => Date;
}

export type FlowRunner = <T>(name: string, body: (tracer: FlowTracer) => Promise<T>) => Promise<T>;

/**
 * Runs one driver flow: one at a time per driver, traced (the body starts tracing when it is
 * signed in), and on failure classified with a screenshot, the trace and a short error.json
 * saved in a folder of their own, whose paths go on the error.
 */
export function createFlowRunner(options: FlowRunnerOptions): FlowRunner {
  let tail: Promise<unknown> = Promise.resolve();
  const run = async <T>(name: string, body: (tracer: FlowTracer) => Promise<T>): Promise<T> => {
    let folder: string | null = null;
    const ensureFolder = async () => (folder ??= await newArtifactsFolder(options.artifactsDir, name, options.now()));
    const tracer = new FlowTracer(options.context, options.trace, `ecforce ${name}`, ensureFolder);
    try {
      const result = await body(tracer);
      await tracer.discard();
      if (folder !== null) await rm(folder, { recursive: true, force: true });
      return result;
    } catch (thrown) {
      if (thrown instanceof FlowAborted) {
        await tracer.discard().catch(() => undefined);
        if (folder !== null) await rm(folder, { recursive: true, force: true });
        throw thrown;
      }
      const error = toDriverError(thrown, options.deps()?.screen ?? 'admin', options.redact);
      await saveEvidence(error, name, tracer, await ensureFolder());
      options.log(options.redact(`ecforce: ${name} に失敗しました [${error.kind}/${error.code}] ${error.message}`));
      throw error;
    }
  };

  const saveEvidence = async (error: DriverError, flow: string, tracer: FlowTracer, dir: string) => {
    let screenshot: string | null = path.join(dir, 'screenshot.png');
    try {
      const page = options.page();
      if (!page || page.isClosed()) throw new Error('no page');
      await page.screenshot({ path: screenshot, fullPage: true, timeout: 10_000 });
    } catch {
      screenshot = null;
    }
    let traces: string[];
    try {
      traces = await tracer.keep();
    } catch {
      traces = [];
    }
    const summary = { flow, kind: error.kind, code: error.code, message: error.message, at: options.now().toISOString(), url: safeUrl(options.page()) };
    await writeFile(path.join(dir, 'error.json'), options.redact(JSON.stringify(summary, null, 2)), 'utf8');
    error.artifacts = { dir, screenshot, traces };
  };

  return <T>(name: string, body: (tracer: FlowTracer) => Promise<T>): Promise<T> => {
    const next = tail.then(
      () => run(name, body),
      () => run(name, body),
    );
    tail = next.catch(() => undefined);
    return next;
  };
}

function safeUrl(page: Page | null): string | null {
  try {
    return page && !page.isClosed() ? page.url() : null;
  } catch {
    return null;
  }
}
