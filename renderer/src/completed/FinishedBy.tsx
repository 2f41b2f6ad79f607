import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ResultOf } from '../api/client';

type Finished = Pick<ResultOf<'loc.get'>, 'finishedBy' | 'finishedByName'>;

export const finisherChoices = ['robot', 'staff'] as const;
export type FinisherChoice = (typeof finisherChoices)[number];

export function isFinisherChoice(value: string): value is FinisherChoice {
  return (finisherChoices as readonly string[]).includes(value);
}

/** ロボット（workstation） or the staff member by the name they gave; empty when the cloud never said. */
export function finisherLabel(t: TFunction, { finishedBy, finishedByName }: Finished): string {
  if (finishedBy === 'robot') return finishedByName ? t('finisher.robot', { workstation: finishedByName }) : t('finisher.robotUnnamed');
  if (finishedBy === 'staff') return finishedByName ?? t('finisher.staffUnnamed');
  return '';
}

/** The completed list's robot / staff filter. */
export function FinisherFilter({ value, onChange }: { value: string; onChange: (finisher: string) => void }) {
  const { t } = useTranslation();
  return (
    <label>
      <span>{t('finisher.title')}</span>
      <select name="finishedBy" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('finisher.all')}</option>
        <option value="robot">{t('finisher.robotOnly')}</option>
        <option value="staff">{t('finisher.staffOnly')}</option>
      </select>
    </label>
  );
}
