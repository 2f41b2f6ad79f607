import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { scrubTraceFile } from '../trace-scrub';

/**
 * One flow's Playwright trace. It is recorded in parts: tracing stops (the part saved aside)
 * whenever the driver signs in, so the password typed and the form that carries it are never
 * recorded, and starts again afterwards. On success every part is deleted; on failure the
 * parts are the flow's trace. Every part is scrubbed of the session cookie as soon as it is
 * written (trace-scrub.ts).
 */
export class FlowTracer {
  private active = false;
  private readonly parts: string[] = [];

  constructor(
    private readonly context: BrowserContext,
    private readonly enabled: boolean,
    private readonly title: string,
    /** Where parts go; created by the caller on first need. */
    private readonly folder: () => Promise<string>,
  ) {}

  isActive(): boolean {
    return this.active;
  }

  async start(): Promise<void> {
    if (!this.enabled || this.active) return;
    // DOM snapshots only: a screencast frame per action cost more than the rest of a flow, and
    // the failure's own full-page screenshot is taken apart from the trace.
    await this.context.tracing.start({ screenshots: false, snapshots: true, title: this.title });
    this.active = true;
  }

  /** Stops recording, keeping what was recorded so far as a part; false when it was not recording. */
  async pause(): Promise<boolean> {
    if (!this.active) return false;
    this.active = false;
    const part = path.join(await this.folder(), `trace-part-${this.parts.length + 1}.zip`);
    await this.context.tracing.stop({ path: part });
    this.parts.push(part);
    await scrubTraceFile(part);
    return true;
  }

  async resume(): Promise<void> {
    await this.start();
  }

  /** Success: nothing is kept. */
  async discard(): Promise<void> {
    if (this.active) {
      this.active = false;
      await this.context.tracing.stop();
    }
    await Promise.all(this.parts.map((part) => rm(part, { force: true })));
    this.parts.length = 0;
  }

  /** Failure: the last part is saved as trace.zip beside the earlier parts; returns them all. */
  async keep(): Promise<string[]> {
    if (this.active) {
      this.active = false;
      const last = path.join(await this.folder(), 'trace.zip');
      await this.context.tracing.stop({ path: last });
      this.parts.push(last);
      await scrubTraceFile(last);
    }
    return [...this.parts];
  }
}
