/**
 * Server-rendered pages without a template library: every interpolated value is escaped unless
 * it is already SafeHtml, so customer names and memos typed by staff can never become markup.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function toHtml(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((item: HtmlValue) => toHtml(item)).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += toHtml(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Only for markup written in this folder (never for data). */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

export function attrIf(condition: boolean, name: string): SafeHtml {
  return new SafeHtml(condition ? ` ${name}` : '');
}

export function yen(amount: number): string {
  return `¥${amount.toLocaleString('ja-JP')}`;
}

/** Dates are shown the way a Japanese admin shows them: Asia/Tokyo, 2024/05/01 09:30. */
export function tokyoDateTime(date: Date): string {
  const parts = new Intl.DateTimeFormat('ja-JP', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}/${get('month')}/${get('day')} ${get('hour')}:${get('minute')}`;
}

export function tokyoDate(date: Date): string {
  return tokyoDateTime(date).slice(0, 10);
}
