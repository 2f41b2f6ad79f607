import { useRef } from 'react';
import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { TemplatePlaceholder } from '../../../electron/core/api/types';
import { issue } from './field-errors';
import { FieldError } from '../components/FieldError';
import type { FormValues } from './form-values';
import type { TemplateCheck } from './use-template-check';

/** The chips of seed 000 ⑭, typed against the core's placeholders so a new one cannot be missed here. */
const chips: Record<TemplatePlaceholder, 'customerName' | 'productName'> = {
  '{カート顧客名}': 'customerName',
  '{カート側商品名}': 'productName',
};

interface Props {
  /** The message filled with sample values, the placeholders the core would refuse, and its length as LINE counts it. */
  preview: TemplateCheck[number] | undefined;
  customerName: string;
}

/** ⑬ the completion message, with ⑭ the placeholder chips and a preview of what the customer reads. */
export function MessageField({ preview, customerName }: Props) {
  const { t } = useTranslation();
  const { register, getValues, setValue, formState } = useFormContext<FormValues>();
  const { ref, ...field } = register('messageTemplate');
  const area = useRef<HTMLTextAreaElement | null>(null);

  // The selection survives the click on a chip, so the placeholder lands where the cursor was.
  function insert(token: string) {
    const el = area.current;
    const text = getValues('messageTemplate');
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    setValue('messageTemplate', text.slice(0, start) + token + text.slice(end), { shouldDirty: true, shouldValidate: formState.isSubmitted });
    const caret = start + token.length;
    el?.focus();
    el?.setSelectionRange(caret, caret);
  }

  const length = preview?.length;
  const error =
    formState.errors.messageTemplate?.message ??
    (preview && preview.unknown.length > 0 ? issue('unknownPlaceholders', { placeholders: preview.unknown.join(' ') }) : undefined);

  return (
    <div className="field message-field">
      <label htmlFor="crosssell-message">{t('crosssell.field.message')}</label>
      <div className="chips" role="group" aria-label={t('crosssell.field.insert')}>
        <span className="muted">{t('crosssell.field.insert')}:</span>
        {Object.entries(chips).map(([token, label]) => (
          <button key={token} type="button" className="chip" data-placeholder={token} onClick={() => insert(token)}>
            {t(`crosssell.field.placeholders.${label}`)}
          </button>
        ))}
      </div>
      <textarea
        id="crosssell-message"
        rows={6}
        {...field}
        ref={(el) => {
          ref(el);
          area.current = el;
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby="crosssell-message-help crosssell-message-count crosssell-message-error"
      />
      <p className="help" id="crosssell-message-help">
        {t('crosssell.field.messageHelp')}
      </p>
      {length && <MessageLengthNote length={length} />}
      <FieldError id="crosssell-message-error" message={error} />
      <figure className="preview" aria-labelledby="crosssell-preview-title">
        <figcaption id="crosssell-preview-title">{t('crosssell.field.preview')}</figcaption>
        {preview && preview.rendered !== '' ? (
          <p className="bubble" data-testid="crosssell-preview" translate="no">
            {preview.rendered}
          </p>
        ) : (
          <p className="muted" data-testid="crosssell-preview-empty">
            {t('crosssell.field.previewEmpty')}
          </p>
        )}
        <p className="help">{t('crosssell.field.previewNote', { customerName })}</p>
      </figure>
    </div>
  );
}

/**
 * The count the save checks: the message with this config's product name filled in, as LINE
 * counts it. The customer's name is not known until the robot reads it from the cart, so with its
 * placeholder in the message the count leaves it out and says how much room is left for it.
 */
function MessageLengthNote({ length }: { length: TemplateCheck[number]['length'] }) {
  const { t } = useTranslation();
  const count = t(length.customerNames > 0 ? 'crosssell.field.messageCountNames' : 'crosssell.field.messageCount', { units: length.units, max: length.max });
  return (
    <>
      <p className={`help message-count${length.verdict === 'tooLong' ? ' over' : ''}`} id="crosssell-message-count" data-testid="crosssell-message-count">
        {count}
      </p>
      {length.verdict === 'tooLong' && (
        <p className="field-error" data-testid="crosssell-message-over">
          {t('crosssell.field.messageOver', { over: -length.left })}
        </p>
      )}
      {length.verdict === 'tight' && (
        <p className="warning" role="status" data-testid="crosssell-message-warning">
          {t('crosssell.field.messageTight', { max: length.max, left: length.left, names: length.customerNames })}
        </p>
      )}
    </>
  );
}
