import { useTranslation } from 'react-i18next';
import { issueText } from './field-issue';

/** The message beside a field; `id` lets the field point at it with aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  const { t } = useTranslation();
  const text = issueText(t, message);
  if (!text) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {text}
    </p>
  );
}
