import type http from 'node:http';
import { createFaults, noFaults, type FaultSettings } from '../shared/faults';

export type LayoutVariant = 'standard' | 'variant';

/**
 * The shared faults (latency, error rate, outage) plus what only an admin site does: sessions
 * that end in the middle of a flow, a redesigned layout, and an answer lost after the change
 * was already saved.
 */
export interface EcforceFaultSettings extends FaultSettings {
  /** Every Nth signed-in request (counted from when this is set) finds its session timed out; null for never. */
  expireSessionEveryRequests: number | null;
  /** 'variant' serves the second set of templates: moved elements, renamed ids, classes and labels. */
  layout: LayoutVariant;
  /** The next N requests that change data commit the change and then answer 500. */
  failAfterCommit: number;
}

export const noEcforceFaults: EcforceFaultSettings = {
  ...noFaults,
  expireSessionEveryRequests: null,
  layout: 'standard',
  failAfterCommit: 0,
};

export interface EcforceFaults {
  settings(): EcforceFaultSettings;
  set(patch: Partial<EcforceFaultSettings>): EcforceFaultSettings;
  reset(): void;
  /** Latency, error rate and outage for one request: the status to answer with, or null to go on. */
  applyShared(): Promise<number | null>;
  /** Counts one signed-in request; true when it is the Nth and must find its session expired. */
  expiresSession(): boolean;
  /** True (and counted) when a committed change must be answered with 500. */
  takeFailAfterCommit(): boolean;
}

export function createEcforceFaults(random: () => number = Math.random): EcforceFaults {
  const shared = createFaults(random);
  let own = {
    expireSessionEveryRequests: noEcforceFaults.expireSessionEveryRequests,
    layout: noEcforceFaults.layout,
    failAfterCommit: noEcforceFaults.failAfterCommit,
  };
  let signedInRequests = 0;
  const settings = (): EcforceFaultSettings => ({ ...shared.settings(), ...own });
  return {
    settings,
    set(patch) {
      const { expireSessionEveryRequests, layout, failAfterCommit, ...rest } = patch;
      shared.set(rest);
      if (expireSessionEveryRequests !== undefined) signedInRequests = 0;
      own = {
        expireSessionEveryRequests: expireSessionEveryRequests === undefined ? own.expireSessionEveryRequests : expireSessionEveryRequests,
        layout: layout ?? own.layout,
        failAfterCommit: failAfterCommit ?? own.failAfterCommit,
      };
      return settings();
    },
    reset() {
      shared.reset();
      signedInRequests = 0;
      own = {
        expireSessionEveryRequests: noEcforceFaults.expireSessionEveryRequests,
        layout: noEcforceFaults.layout,
        failAfterCommit: noEcforceFaults.failAfterCommit,
      };
    },
    async applyShared() {
      // The shared faults answer in JSON; an admin site answers with its HTML error page, so
      // the verdict is captured here and the caller renders the page.
      let status: number | null = null;
      const capture = {
        writeHead(code: number) {
          status = code;
          return capture;
        },
        end() {
          return capture;
        },
      };
      const failed = await shared.apply(capture as unknown as http.ServerResponse);
      return failed ? (status ?? 500) : null;
    },
    expiresSession() {
      const every = own.expireSessionEveryRequests;
      if (every === null) return false;
      signedInRequests += 1;
      return signedInRequests % every === 0;
    },
    takeFailAfterCommit() {
      if (own.failAfterCommit <= 0) return false;
      own = { ...own, failAfterCommit: own.failAfterCommit - 1 };
      return true;
    },
  };
}
