import { describe, expect, it } from 'vitest';
import { productFlows } from '../../electron/core/flows';
import { catalogs, languages } from '../../renderer/src/i18n/catalogs';

type Tree = { [key: string]: string | Tree };

/** The screens name each flow's steps and their states from the catalogs, not by their ids. */
describe("the robot's step names in every catalog", () => {
  for (const lng of languages) {
    it(lng, () => {
      const detail = (catalogs[lng] as unknown as Tree).detail as Tree;
      const byKind = detail.steps as Record<string, Record<string, string>>;
      const states = detail.stepStates as Record<string, string>;
      expect(Object.keys(states).sort()).toEqual(['done', 'failed', 'started']);
      for (const flow of productFlows()) {
        const steps = byKind[flow.kind] ?? {};
        expect(Object.keys(steps).sort(), flow.kind).toEqual([...flow.steps].sort());
        for (const step of flow.steps) expect(steps[step]).not.toBe(step);
      }
    });
  }
});
