import type { ReactNode } from 'react';

interface ConfirmDeleteProps {
  /** Id of the question, which labels the dialog. */
  textId: string;
  text: string;
  confirmLabel: string;
  cancelLabel: string;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** Shown under the buttons: the core's refusal, if any. */
  children?: ReactNode;
}

/** The in-page question before a list row is deleted. */
export function ConfirmDelete({ textId, text, confirmLabel, cancelLabel, pending, onConfirm, onCancel, children }: ConfirmDeleteProps) {
  return (
    <div className="confirm" role="alertdialog" aria-labelledby={textId} aria-modal="false">
      <p id={textId}>{text}</p>
      <div className="actions">
        <button type="button" className="danger primary" disabled={pending} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
      {children}
    </div>
  );
}
