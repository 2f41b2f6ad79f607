import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../api/client';
import { useApi } from '../api/context';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatCount } from '../format';
import './usage.css';

type Usage = ResultOf<'usage.get'>;
type Plan = Usage['plan'];

/** A Japan day (YYYY-MM-DD) in the one date form the screens use. */
const shownDate = (day: string) => day.replaceAll('-', '/');

/**
 * What the robot's work costs in the shop's current billing period, every PC's as the cloud counts
 * it (this PC's alone, said beside the number, while the cloud is out of reach) (seed 000: 50 yen before tax
 * per success), with the period's first and last day, and the setting that says which period the
 * shop's plan bills by.
 */
export function UsagePanel() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const api = useApi();
  const usage = useQuery({ queryKey: ['usage.get'], queryFn: () => api.call('usage.get', {}), refetchInterval: 60_000 });
  const u = usage.data;
  return (
    <section className="panel usage-panel" aria-labelledby="usage-title" data-testid="usage">
      <h2 id="usage-title">{t('usage.title')}</h2>
      <ErrorMessage error={usage.error} />
      {u && (
        <>
          <dl className="facts">
            <dt>{t('usage.period')}</dt>
            <dd data-field="period" data-from={u.period.from} data-to={u.period.to}>
              {t('usage.periodRange', { from: shownDate(u.period.from), to: shownDate(u.period.to) })}
            </dd>
            <dt>{t('usage.successes')}</dt>
            <dd data-field="successes" data-value={u.successes} data-scope={u.scope}>
              {t('usage.count', { count: formatCount(u.successes, lng) })}
              {u.scope === 'workstation' && (
                <>
                  {' '}
                  <span className="usage-local">{t('usage.workstationOnly')}</span>
                </>
              )}
            </dd>
            <dt>{t('usage.amount')}</dt>
            <dd data-field="amount" data-value={u.amountYen}>
              <strong>{t('usage.yen', { amount: formatCount(u.amountYen, lng) })}</strong>{' '}
              {t('usage.price', { price: t('usage.yen', { amount: formatCount(u.yenPerSuccess, lng) }) })}
            </dd>
          </dl>
          <p className={u.scope === 'shop' ? 'muted' : 'warning'} data-testid="usage-scope" role={u.scope === 'shop' ? undefined : 'status'}>
            {t(`usage.scope.${u.scope}`)}
          </p>
          <PlanForm plan={u.plan} />
        </>
      )}
    </section>
  );
}

function PlanForm({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Plan['kind']>(plan.kind);
  const [day, setDay] = useState(plan.kind === 'plan_day' ? String(plan.day) : '');
  useEffect(() => {
    setKind(plan.kind);
    setDay(plan.kind === 'plan_day' ? String(plan.day) : '');
  }, [plan]);
  const dayNumber = Number(day.normalize('NFKC').trim());
  const dayValid = Number.isInteger(dayNumber) && dayNumber >= 1 && dayNumber <= 31;
  const save = useMutation({
    mutationFn: () => api.call('usage.setPlan', { plan: kind === 'plan_day' ? { kind, day: dayNumber } : { kind } }),
    onSuccess: (usage) => queryClient.setQueryData(['usage.get'], usage),
  });

  return (
    <form
      className="usage-plan"
      onSubmit={(e) => {
        e.preventDefault();
        if (kind === 'plan_day' && !dayValid) return;
        save.mutate();
      }}
    >
      <fieldset>
        <legend>{t('usage.plan.title')}</legend>
        <label className="inline">
          <input type="radio" name="usage-plan" value="calendar_month" checked={kind === 'calendar_month'} onChange={() => setKind('calendar_month')} />
          {t('usage.plan.calendarMonth')}
        </label>
        <label className="inline">
          <input type="radio" name="usage-plan" value="plan_day" checked={kind === 'plan_day'} onChange={() => setKind('plan_day')} />
          {t('usage.plan.planDay')}
        </label>
        {kind === 'plan_day' && (
          <label className="usage-plan-day">
            <span>{t('usage.plan.day')}</span>
            <input name="usage-plan-day" inputMode="numeric" size={3} maxLength={2} value={day} aria-invalid={!dayValid} onChange={(e) => setDay(e.target.value)} />
            <span>{t('usage.plan.daySuffix')}</span>
          </label>
        )}
        {kind === 'plan_day' && !dayValid && (
          <p className="error" role="alert" data-testid="usage-plan-day-error">
            {t('usage.plan.dayError')}
          </p>
        )}
        <p className="help">{t('usage.plan.help')}</p>
      </fieldset>
      <button type="submit" disabled={save.isPending}>
        {t('usage.plan.save')}
      </button>
      {save.isSuccess && !save.isPending && (
        <span className="notice" role="status" data-testid="usage-plan-saved">
          {t('usage.plan.saved')}
        </span>
      )}
      <ErrorMessage error={save.error} />
    </form>
  );
}
