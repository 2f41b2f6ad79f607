/**
 * Text that came from outside Tanto (a LINE name, a tag, a memo, a customer's e-mail). It may be
 * any length and hold any character: it is cut to the space it is given with its whole text on
 * hover, isolated so that a direction override inside it (U+202E) cannot reorder the words around
 * it, and marked as data so that no translation or language check treats it as a label.
 */
export function OutsideText({ text, className }: { text: string | null | undefined; className?: string }) {
  if (text === null || text === undefined || text === '') return null;
  return (
    <bdi dir="auto" translate="no" title={text} className={className ? `outside-text ${className}` : 'outside-text'}>
      {text}
    </bdi>
  );
}

const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

/**
 * The same isolation for places that take a plain string, such as an option of a select or a
 * sentence put together by the catalogs: an override inside the text ends where the text ends.
 */
export function isolated(text: string): string {
  return `${FIRST_STRONG_ISOLATE}${text}${POP_DIRECTIONAL_ISOLATE}`;
}
