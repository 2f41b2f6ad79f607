import { useEffect, useRef } from 'react';
import { chooseStatus, focusCompletion, isTyping, moveRowFocus, openMemberOfDetail, submitCompletion } from './clerk-keys';

interface Actions {
  /** n: the next request that waits for a person. */
  next(): void;
  /** ?: the list of shortcuts. */
  help(): void;
}

/**
 * The clerk's path without the mouse, on the LOC dashboard: j/k or ↓/↑ through the rows, Enter
 * (the row's own key) to open, c to the completion form, 1–4 for its status, s to confirm, Enter
 * on the confirmation, n for the next request, m for the member page, ? for help. Nothing fires
 * while a key goes into a text field, a select or an input method's composition.
 */
export function useClerkShortcuts(actions: Actions): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      // A dialog open over the dashboard (the help, a confirmation) keeps its keys to itself.
      if ((e.target as HTMLElement | null)?.closest?.('[role=dialog], [role=alertdialog]')) return;
      const onRadio = e.target instanceof HTMLInputElement && e.target.type === 'radio';
      let done = false;
      switch (e.key) {
        case 'j':
          done = moveRowFocus(1);
          break;
        case 'k':
          done = moveRowFocus(-1);
          break;
        // Arrows on a radio move between the statuses, as the browser does.
        case 'ArrowDown':
          done = !onRadio && moveRowFocus(1);
          break;
        case 'ArrowUp':
          done = !onRadio && moveRowFocus(-1);
          break;
        case 'o': {
          const row = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('.loc-row[data-id]');
          row?.click();
          done = Boolean(row);
          break;
        }
        case 'c':
          done = focusCompletion();
          break;
        case '1':
        case '2':
        case '3':
        case '4':
          done = chooseStatus(Number(e.key));
          break;
        case 's':
          done = submitCompletion();
          break;
        case 'm':
          done = openMemberOfDetail();
          break;
        case 'n':
          latest.current.next();
          done = true;
          break;
        case '?':
          latest.current.help();
          done = true;
          break;
      }
      if (done) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
