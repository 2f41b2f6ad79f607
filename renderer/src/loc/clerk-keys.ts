/** Whether a key press belongs to what the clerk is typing, so no shortcut may take it. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['radio', 'checkbox', 'button', 'submit', 'reset'].includes(target.type);
  return false;
}

/** The dashboard's rows in list order; the virtual list keeps only those near the view in the page. */
function rows(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('.loc-dashboard .loc-row[data-id]')];
}

/** Moves the keyboard focus one row down or up from the focused row, or else from the open one. */
export function moveRowFocus(step: 1 | -1): boolean {
  const all = rows();
  if (all.length === 0) return false;
  const from = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('.loc-row[data-id]') ?? all.find((r) => r.getAttribute('aria-selected') === 'true');
  const at = from ? all.indexOf(from) : -1;
  const to = at === -1 ? all[step === 1 ? 0 : all.length - 1] : all[Math.min(all.length - 1, Math.max(0, at + step))];
  if (!to) return false;
  to.focus();
  // Brings the row into view, which makes the virtual list render the rows beyond it.
  to.scrollIntoView({ block: 'nearest' });
  return true;
}

/** The detail pane's completion form, where c, 1–4 and s act. */
function completionForm(): HTMLFormElement | null {
  return document.querySelector<HTMLFormElement>('.loc-dashboard .loc-detail .completion-form');
}

export function focusCompletion(): boolean {
  const form = completionForm();
  const radio = form?.querySelector<HTMLInputElement>('input[type=radio]:checked:not(:disabled)') ?? form?.querySelector<HTMLInputElement>('input[type=radio]:not(:disabled)');
  radio?.focus();
  return Boolean(radio);
}

/** The n-th completion status, in the order the form offers them. */
export function chooseStatus(n: number): boolean {
  const radio = completionForm()?.querySelectorAll<HTMLInputElement>('input[type=radio]:not(:disabled)')[n - 1];
  if (!radio) return false;
  radio.click();
  radio.focus();
  return true;
}

/** Opens the form's confirmation; completing still takes the confirmation's own button. */
export function submitCompletion(): boolean {
  const button = completionForm()?.querySelector<HTMLButtonElement>('button.open-confirm:not(:disabled)');
  button?.click();
  return Boolean(button);
}

export function openMemberOfDetail(): boolean {
  const link = document.querySelector<HTMLAnchorElement>('.loc-dashboard .loc-detail a.member-link');
  link?.click();
  return Boolean(link);
}
