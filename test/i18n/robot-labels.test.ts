import { describe, expect, it } from 'vitest';
import { crosssellSteps } from '../../electron/core/robot/crosssell-flow';
import { catalogs, languages } from '../../renderer/src/i18n/catalogs';

type Tree = { [key: string]: string | Tree };

/** The detail pane names the robot's steps and their states from the catalogs, not by their ids. */
describe("the robot's step names in every catalog", () => {
  for (const lng of languages) {
    it(lng, () => {
      const detail = (catalogs[lng] as unknown as Tree).detail as Tree;
      const steps = detail.steps as Record<string, string>;
      const states = detail.stepStates as Record<string, string>;
      expect(Object.keys(steps).sort()).toEqual([...crosssellSteps].sort());
      expect(Object.keys(states).sort()).toEqual(['done', 'failed', 'started']);
      for (const step of crosssellSteps) expect(steps[step]).not.toBe(step);
    });
  }
});
