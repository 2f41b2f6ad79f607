import { renderTemplate, templatePlaceholders } from './template';

const [CUSTOMER_NAME] = templatePlaceholders;

/**
 * LINE refuses a text message longer than 5,000 characters, and it counts them as UTF-16 code
 * units: an emoji or a rare kanji outside the BMP counts two. JavaScript's `length` counts the
 * same units, so it is used here on purpose (spreading the string would count code points).
 */
export const LINE_TEXT_MAX_UNITS = 5000;

/**
 * A customer's name as the cart holds it is not known when the config is saved. Names are short,
 * but a cart may hold a company name or a name with a long honorific; a message with less room
 * than this per name is saved with a warning.
 */
export const LONG_CUSTOMER_NAME_UNITS = 50;

export const unitsOf = (text: string): number => text.length;

export interface MessageLength {
  /** UTF-16 units of the message filled with the config's product name, the customer's name left empty. */
  units: number;
  max: number;
  /** How often the customer's name is filled in. */
  customerNames: number;
  /** Units left for the customer's names (negative when the message is already too long). */
  left: number;
  /** tooLong is refused on save; tight (a long customer name could push it over) is saved with a warning. */
  verdict: 'fits' | 'tight' | 'tooLong';
}

/** The completion message as LINE will count it once the robot fills it for this config's product. */
export function messageLength(template: string, productName: string): MessageLength {
  const customerNames = template.split(CUSTOMER_NAME).length - 1;
  const units = unitsOf(renderTemplate(template, { customerName: '', productName }));
  const left = LINE_TEXT_MAX_UNITS - units;
  const verdict = left < 0 ? 'tooLong' : customerNames > 0 && left < customerNames * LONG_CUSTOMER_NAME_UNITS ? 'tight' : 'fits';
  return { units, max: LINE_TEXT_MAX_UNITS, customerNames, left, verdict };
}

/** Whether a message the robot has filled can be sent at all: checked before it orders. */
export function fitsLineText(rendered: string): boolean {
  return unitsOf(rendered) <= LINE_TEXT_MAX_UNITS;
}
