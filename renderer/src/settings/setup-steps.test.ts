import { describe, expect, it } from 'vitest';
import { nextStep, previousStep, resumeStep, setupSteps, skippableSteps, stepNumber } from './setup-steps';

describe('the first-run steps', () => {
  it('start at the cloud while it is not set, whatever step was reached before', () => {
    expect(resumeStep(null, false)).toBe('cloud');
    expect(resumeStep('cart', false)).toBe('cloud');
  });

  it('resume at the step reached before a reload once the cloud is set', () => {
    expect(resumeStep('cart', true)).toBe('cart');
    expect(resumeStep('done', true)).toBe('done');
  });

  it('go on after the cloud when nothing (or nonsense) was kept', () => {
    expect(resumeStep(null, true)).toBe('line');
    expect(resumeStep('cloud', true)).toBe('line');
    expect(resumeStep('settings', true)).toBe('line');
  });

  it('never let the cloud or the last step be skipped', () => {
    expect(skippableSteps.has('cloud')).toBe(false);
    expect(skippableSteps.has('done')).toBe(false);
    expect(skippableSteps.has('cart')).toBe(true);
  });

  it('move one step at a time and stop at either end', () => {
    expect(nextStep('cloud')).toBe('line');
    expect(nextStep('done')).toBe('done');
    expect(previousStep('line')).toBe('cloud');
    expect(previousStep('cloud')).toBe('cloud');
    expect(stepNumber('cloud')).toBe(1);
    expect(stepNumber('done')).toBe(setupSteps.length);
  });
});
