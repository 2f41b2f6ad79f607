import { useTranslation } from 'react-i18next';
import { ApiCallError } from '../api/client';

/** Shows the translated meaning of an error; the server's own message goes in the tooltip. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  const kind = error instanceof ApiCallError ? error.kind : 'internal';
  const detail = error instanceof Error ? error.message : undefined;
  return (
    <p className="error" role="alert" title={detail}>
      {t(`errors.${kind}`)}
    </p>
  );
}
