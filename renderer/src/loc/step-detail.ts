import type { TFunction } from 'i18next';
import { reasonText, type ReasonData } from './reason-text';

/** A run step as the detail pane gets it: its journaled detail is the step's result, as JSON text. */
export interface StepView {
  step: string;
  state: string;
  detail: string | null;
}

type Fields = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

function parsed(detail: string | null): unknown {
  if (detail === null) return null;
  try {
    return JSON.parse(detail) as unknown;
  } catch {
    return detail;
  }
}

/** The cross-sell steps' results, each as a sentence; what a step returns is the flow's (flows/crosssell/flow.ts). */
const sentences: Record<string, (t: TFunction, r: Fields) => string | null> = {
  prepare: (t, r) => (r.customerNumber ? t('detail.stepDetails.prepare', { customerNumber: text(r.customerNumber), customerName: text(r.customerName) }) : null),
  create_order: (t, r) => {
    if (!r.orderNumber) return null;
    const made = t(r.adopted ? 'detail.stepDetails.createOrderAdopted' : 'detail.stepDetails.createOrder', { orderNumber: text(r.orderNumber) });
    return r.subscriptionNumber ? `${made}${t('detail.sentenceJoin')}${t('detail.stepDetails.subscriptionStarted', { subscriptionNumber: text(r.subscriptionNumber) })}` : made;
  },
  stop_subscriptions: (t, r) => {
    if (!Array.isArray(r.stopped)) return null;
    return r.stopped.length === 0 ? t('detail.stepDetails.stoppedNone') : t('detail.stepDetails.stopped', { numbers: r.stopped.map(text).join(t('detail.listJoin')) });
  },
  write_memo: (t, r) => {
    if (!Array.isArray(r.written)) return null;
    if (r.written.length === 0) return t('detail.stepDetails.memoNone');
    const fields = r.written.map((f) => t(`detail.stepDetails.memoFields.${text(f)}`, { defaultValue: t('detail.stepDetails.done') }));
    return t('detail.stepDetails.memo', { fields: fields.join(t('detail.listJoin')) });
  },
  send_message: (t, r) => {
    if (r.sent === true) return t(r.status === 'already_delivered' ? 'detail.stepDetails.alreadyDelivered' : 'detail.stepDetails.delivered');
    if (r.why === 'sent_in_earlier_attempt') return t('detail.stepDetails.sentInEarlierAttempt');
    if (r.why === 'nothing_to_send') return t('detail.stepDetails.nothingToSend');
    return null;
  },
  finish: (t) => t('detail.stepDetails.finished'),
};

/**
 * What a step did or why it failed, as a sentence in the viewer's language; never its JSON. A
 * failed step says its error (by name when it has one); a result this screen does not know is
 * said as done or failed.
 */
export function stepDetailText(t: TFunction, step: StepView): string {
  const value = parsed(step.detail);
  if (value === null) return '';
  if (value === 'interrupted') return t('detail.stepDetails.interrupted');
  const fields = typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : null;
  if (step.state === 'failed') {
    const said = fields ? reasonText(t, fields.reason as ReasonData | undefined, text(fields.error)) : '';
    return said || t('detail.stepDetails.failed');
  }
  if (step.state !== 'done') return '';
  const sentence = fields ? sentences[step.step]?.(t, fields) : null;
  return sentence ?? t('detail.stepDetails.done');
}
