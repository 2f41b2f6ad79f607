import { useTranslation } from 'react-i18next';

type Action = 'save' | 'delete';

/**
 * Why an action did not happen. The core's message says it precisely (the cloud unreachable,
 * open requests still using a config, the vault locked) and states whether anything was kept,
 * so it is shown as it is, under a heading in the screen's language.
 */
export function Refusal({ action, error }: { action: Action; error: unknown }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="refusal" role="alert" data-testid={`crosssell-${action}-error`}>
      <p className="error">{t(`crosssell.failed.${action}`)}</p>
      <p className="core-message">{message}</p>
    </div>
  );
}
