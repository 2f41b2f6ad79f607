/**
 * The first-run setup's steps, in the order staff meet them. Only the cloud is needed before
 * the app can do anything (it is where the members and requests come from); everything after it
 * can be left for the 設定 screen, where the app already tells what is missing.
 */
export const setupSteps = ['cloud', 'line', 'cart', 'workstation', 'robot', 'done'] as const;
export type SetupStep = (typeof setupSteps)[number];

/** Steps the app still works without: passing one leaves a gap the 設定 screen shows as 未設定. */
export const skippableSteps: ReadonlySet<SetupStep> = new Set(['line', 'cart', 'workstation', 'robot']);

export function isSetupStep(value: unknown): value is SetupStep {
  return typeof value === 'string' && (setupSteps as readonly string[]).includes(value);
}

/**
 * Where the flow opens: the step staff last reached (kept across a reload), unless the cloud is
 * not set yet, which every later step needs, so it comes first whatever was reached.
 */
export function resumeStep(saved: unknown, cloudReady: boolean): SetupStep {
  if (!cloudReady) return 'cloud';
  if (isSetupStep(saved) && saved !== 'cloud') return saved;
  return 'line';
}

export function nextStep(step: SetupStep): SetupStep {
  return setupSteps[Math.min(setupSteps.indexOf(step) + 1, setupSteps.length - 1)]!;
}

export function previousStep(step: SetupStep): SetupStep {
  return setupSteps[Math.max(setupSteps.indexOf(step) - 1, 0)]!;
}

/** 1-based, for 「ステップ 2 / 6」. */
export function stepNumber(step: SetupStep): number {
  return setupSteps.indexOf(step) + 1;
}
