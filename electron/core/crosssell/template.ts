/**
 * The placeholders staff can put into a cross-sell's completion message and memo texts (the
 * 「カート顧客名」「カート側商品名」 buttons of the settings screen). Both are read from the cart
 * while the robot works, so the message names the customer and product as the cart knows them.
 */
export const templatePlaceholders = ['{カート顧客名}', '{カート側商品名}'] as const;
export type TemplatePlaceholder = (typeof templatePlaceholders)[number];

export interface TemplateValues {
  customerName: string;
  productName: string;
}

const valueOf: Record<TemplatePlaceholder, keyof TemplateValues> = {
  '{カート顧客名}': 'customerName',
  '{カート側商品名}': 'productName',
};

/**
 * Full-width braces are matched too: a Japanese IME types ｛カート顧客名｝ easily, and left alone it
 * would reach the customer verbatim instead of being replaced.
 */
const braced = /[{｛][^{}｛｝\n]*[}｝]/g;

/** Every `{…}` in the text that is not a known placeholder, once each, in order of appearance. */
export function unknownPlaceholders(text: string): string[] {
  const known = new Set<string>(templatePlaceholders);
  const unknown: string[] = [];
  for (const [token] of text.matchAll(braced)) {
    if (!known.has(token) && !unknown.includes(token)) unknown.push(token);
  }
  return unknown;
}

/** Replaces the known placeholders; anything else is left as written. */
export function renderTemplate(text: string, values: TemplateValues): string {
  return text.replace(braced, (token) =>
    Object.hasOwn(valueOf, token) ? values[valueOf[token as TemplatePlaceholder]] : token,
  );
}
