import { useTranslation } from 'react-i18next';
import type { SecretState as State } from '../../../electron/core/api/types';

/** A secret's state, never its value: 保存済み / 未設定 / 読み取れません. */
export function SecretState({ state }: { state: State }) {
  const { t } = useTranslation();
  return (
    <span className="secret-state" data-state={state} data-testid="secret-state">
      {t(`settings.state.${state}`)}
    </span>
  );
}
