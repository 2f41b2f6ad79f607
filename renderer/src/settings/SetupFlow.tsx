import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/context';
import { ErrorMessage } from '../components/ErrorMessage';
import { useMayLeave } from '../components/leave-guard';
import { NightMode } from '../robot/NightMode';
import { WorkstationName } from '../robot/WorkstationName';
import { callAcrossRestart } from './call-across-restart';
import { CartLogins } from './CartLogins';
import { CloudForm } from './CloudForm';
import { ConcurrencyForm } from './ConcurrencyForm';
import { LineTokenForm, LineTokenWhere } from './LineTokenForm';
import { nextStep, previousStep, resumeStep, setupSteps, skippableSteps, stepNumber, type SetupStep } from './setup-steps';
import { StoreNotice } from './SaveError';
import { SetupSummary } from './SetupSummary';
import { useSettingsSaved, type Settings } from './use-settings';
import './settings.css';

/** Where staff had got to, so a reload (or the PC restarting) opens the same step again. */
const STEP_STORAGE = 'tanto.setup.step';

function savedStep(): string | null {
  try {
    return globalThis.localStorage?.getItem(STEP_STORAGE) ?? null;
  } catch {
    return null;
  }
}

function keepStep(step: SetupStep | null): void {
  try {
    if (step === null) globalThis.localStorage?.removeItem(STEP_STORAGE);
    else globalThis.localStorage?.setItem(STEP_STORAGE, step);
  } catch {
    // A private window may refuse storage: the flow then starts again from what the core has.
  }
}

export function cloudReady(settings: Settings): boolean {
  return !settings.setup.required.some((item) => item === 'cloudUrl' || item === 'cloudToken');
}

/** Whether what the step asks for is in place, so 次へ rather than あとで設定する moves on. */
function stepSatisfied(step: SetupStep, settings: Settings): boolean {
  switch (step) {
    case 'cloud':
      return cloudReady(settings);
    case 'line':
      return settings.line.token.state === 'present' || settings.line.token.lock !== null;
    case 'cart':
      return settings.cartLogins.some((login) => login.state === 'present');
    default:
      return true;
  }
}

/**
 * The first run: one step per thing the shop sets up, each saying what it is for, with the
 * progress above. Only the cloud cannot be left for later; the last step finishes the setup and
 * the app opens.
 */
export function SetupFlow({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const api = useApi();
  const mayLeave = useMayLeave();
  const saved = useSettingsSaved();
  const ready = cloudReady(settings);
  const [reached, setReached] = useState<SetupStep>(() => resumeStep(savedStep(), ready));
  const step = ready ? reached : 'cloud';
  const title = useRef<HTMLHeadingElement>(null);
  const shown = useRef(step);
  // Keyboard and screen-reader users land on the new step's title, not somewhere below.
  useEffect(() => {
    if (shown.current === step) return;
    shown.current = step;
    title.current?.focus();
  }, [step]);
  // `justSaved`: the step's own form has saved what it held, so there is nothing to ask about.
  const go = (to: SetupStep, justSaved = false) => {
    if (to === step || (!justSaved && !mayLeave())) return;
    keepStep(to);
    setReached(to);
  };
  const finish = useMutation({
    mutationFn: () => callAcrossRestart(api, 'settings.finishSetup', {}),
    onSuccess: (answer) => {
      keepStep(null);
      // Every screen opens now, each asking the core afresh.
      saved(answer, true);
    },
  });
  const satisfied = stepSatisfied(step, settings);
  const index = stepNumber(step);

  return (
    <div className="setup" data-testid="setup" data-step={step}>
      <h2>{t('settings.setup.title')}</h2>
      <p className="setup-intro">{t('settings.setup.intro')}</p>
      <StoreNotice settings={settings} />
      <ol className="setup-progress" aria-label={t('settings.setup.progressLabel')}>
        {setupSteps.map((s) => (
          <li key={s} aria-current={s === step ? 'step' : undefined} data-done={stepNumber(s) < index && stepSatisfied(s, settings) ? 'true' : undefined}>
            {t(`settings.setup.steps.${s}`)}
          </li>
        ))}
      </ol>
      <section className="panel setup-step" aria-labelledby="setup-step-title">
        <header className="setup-step-header">
          <h3 id="setup-step-title" ref={title} tabIndex={-1}>
            {t(`settings.setup.steps.${step}`)}
          </h3>
          <p className="setup-count" data-testid="setup-count">
            {t('settings.setup.progress', { step: index, total: setupSteps.length })}
          </p>
        </header>
        <StepBody step={step} settings={settings} onSaved={() => go(nextStep(step), true)} />
        <div className="setup-actions">
          <div>
            {step !== 'cloud' && (
              <button type="button" onClick={() => go(previousStep(step))}>
                {t('settings.setup.back')}
              </button>
            )}
          </div>
          <div className="setup-forward">
            {step === 'done' ? (
              <button type="button" className="primary" disabled={finish.isPending || !ready} onClick={() => mayLeave() && finish.mutate()}>
                {finish.isPending ? t('settings.setup.finishing') : t('settings.setup.finish')}
              </button>
            ) : satisfied ? (
              <button type="button" className="primary" data-testid="setup-next" onClick={() => go(nextStep(step))}>
                {t('settings.setup.next')}
              </button>
            ) : skippableSteps.has(step) ? (
              <button type="button" data-testid="setup-skip" onClick={() => go(nextStep(step))}>
                {t('settings.setup.skip')}
              </button>
            ) : (
              <p className="muted">{t('settings.setup.cloudFirst')}</p>
            )}
          </div>
        </div>
        <ErrorMessage error={finish.error} />
      </section>
    </div>
  );
}

function StepBody({ step, settings, onSaved }: { step: SetupStep; settings: Settings; onSaved: () => void }) {
  const { t } = useTranslation();
  const purpose = (...texts: string[]) =>
    texts.map((text) => (
      <p key={text} className="settings-purpose">
        {text}
      </p>
    ));
  switch (step) {
    case 'cloud':
      return (
        <>
          {purpose(t('settings.cloud.purpose'))}
          <CloudForm settings={settings} submitLabel={t('settings.setup.saveNext')} onSaved={onSaved} />
        </>
      );
    case 'line':
      return (
        <>
          {purpose(t('settings.line.purpose'))}
          <LineTokenWhere />
          {purpose(t('settings.line.later'))}
          <LineTokenForm settings={settings} submitLabel={t('settings.setup.saveNext')} onSaved={onSaved} />
        </>
      );
    case 'cart':
      return (
        <>
          {purpose(t('settings.cart.purpose'), t('settings.cart.later'))}
          <CartLogins settings={settings} addOpen />
        </>
      );
    case 'workstation':
      return (
        <>
          {purpose(t('settings.setup.workstationPurpose'))}
          <WorkstationName />
        </>
      );
    case 'robot':
      return (
        <>
          {purpose(t('settings.robot.purpose'))}
          <ConcurrencyForm settings={settings} />
          <NightMode />
        </>
      );
    case 'done':
      return <SetupSummary settings={settings} />;
  }
}
