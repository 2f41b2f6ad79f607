/**
 * What a staff member would see as broken on the screen now showing, gathered in the page by
 * `page.evaluate(screenProblems, { language, keyRoots })`, where keyRoots are the catalogs'
 * top-level keys (`loc`, `detail`, …) that a key shown as text would begin with. Everything here
 * runs in the browser, so it names no import: each problem is one line saying where and what.
 *
 * - overflow: the page, or a container that scrolls, wider than its box sideways;
 * - clipped: a cell, label, button or heading whose text is wider than its box, unless it is
 *   text from outside cut with an ellipsis and its whole text on hover; an input whose
 *   placeholder (the hint of what to type) is wider than the input shows only its start;
 * - broken word: a header that wraps inside a word (「I/D」「Or/der」「LIN/E 顯/示名/稱」), found by
 *   laying it out again where words may not be broken and counting fewer lines;
 * - internal code: a catalog key, a snake_case identifier, JSON or a machine id shown as text;
 * - English on a Japanese screen: a Latin word outside data ([translate=no], or a name isolated
 *   inside a sentence).
 */
export function screenProblems({ language, keyRoots }: { language: string; keyRoots: string[] }): string[] {
  const problems: string[] = [];
  const where = (el: Element): string => {
    const screen = el.closest('main')?.getAttribute('data-screen') ?? 'top';
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
    return `${screen} ${el.tagName.toLowerCase()}${cls} 「${text}」`;
  };
  const visible = (el: Element) => (el as HTMLElement).checkVisibility({ visibilityProperty: true });
  const isOutside = (el: Element) => el.closest('.outside-text') !== null;

  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) problems.push(`overflow: the page is ${root.scrollWidth}px wide in ${root.clientWidth}px`);

  for (const el of document.querySelectorAll('body *')) {
    if (!visible(el)) continue;
    const style = getComputedStyle(el);
    const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
    if (scrolls && el.scrollWidth > el.clientWidth + 1) problems.push(`overflow: ${where(el)} scrolls sideways (${el.scrollWidth}px in ${el.clientWidth}px)`);
  }

  // A table wider than its panel is painted over by the panel beside it (「Ed」 for 「Edit」).
  for (const el of document.querySelectorAll<HTMLElement>('table, .panel, section, article, form, fieldset, dl, ul, input, select, textarea, button, img, [role=row]')) {
    const parent = el.parentElement;
    if (!parent || !visible(el) || isOutside(el)) continue;
    if (['absolute', 'fixed'].includes(getComputedStyle(el).position)) continue;
    const parentStyle = getComputedStyle(parent);
    if (parentStyle.overflowX !== 'visible' || parentStyle.display === 'contents') continue;
    const inner = parent.getBoundingClientRect().left + parent.clientLeft + parent.clientWidth;
    const right = el.getBoundingClientRect().right;
    if (parent.clientWidth > 0 && right > inner + 1) problems.push(`overflow: ${where(el)} sticks out of ${where(parent)} by ${Math.round(right - inner)}px`);
  }
  for (const el of document.querySelectorAll<HTMLElement>('body *')) {
    if (!visible(el) || isOutside(el) || el.matches('td, th, [role=cell], [role=columnheader]')) continue;
    const style = getComputedStyle(el);
    if (style.overflowX !== 'hidden' && style.overflowX !== 'clip') continue;
    const onlyOutside = [...el.children].every((c) => c instanceof HTMLElement && (isOutside(c) || c.scrollWidth <= el.clientWidth));
    if (el.scrollWidth > el.clientWidth + 1 && !onlyOutside) problems.push(`clipped: ${where(el)} hides ${el.scrollWidth - el.clientWidth}px of what it holds`);
  }

  const boxes = 'th, td, [role=cell], [role=columnheader], label, button, legend, dt, dd, h1, h2, h3, h4, summary, select, .badge';
  for (const el of document.querySelectorAll<HTMLElement>(boxes)) {
    if (!visible(el) || el.closest('.language')) continue;
    if (el.scrollWidth <= el.clientWidth + 1) continue;
    // A select's own width is its widest option; the one shown must still fit.
    if (el instanceof HTMLSelectElement) continue;
    const cutOutside = isOutside(el) || [...el.querySelectorAll('.outside-text')].some((o) => o.scrollWidth > o.clientWidth + 1);
    const ownTooWide = [...el.children].some((c) => c instanceof HTMLElement && !isOutside(c) && c.getBoundingClientRect().right > el.getBoundingClientRect().right + 1);
    if (cutOutside && !ownTooWide) continue;
    problems.push(`clipped: ${where(el)} needs ${el.scrollWidth}px in ${el.clientWidth}px`);
  }
  for (const el of document.querySelectorAll<HTMLElement>('.outside-text')) {
    if (visible(el) && el.scrollWidth > el.clientWidth + 1 && el.title !== el.textContent) problems.push(`clipped: ${where(el)} is cut without its whole text on hover`);
  }
  for (const el of document.querySelectorAll<HTMLSelectElement>('select')) {
    if (!visible(el)) continue;
    const rect = el.getBoundingClientRect();
    const container = el.parentElement?.getBoundingClientRect();
    if (container && rect.right > container.right + 1) problems.push(`overflow: ${where(el)} is wider than what holds it`);
  }

  // A placeholder is drawn in the input's own box and cut at its edge, with nothing on hover.
  for (const el of document.querySelectorAll<HTMLInputElement>('input[placeholder]')) {
    if (!visible(el) || !el.placeholder) continue;
    const box = getComputedStyle(el);
    const hint = getComputedStyle(el, '::placeholder');
    const room = el.clientWidth - parseFloat(box.paddingLeft) - parseFloat(box.paddingRight);
    const probe = document.createElement('span');
    for (const property of ['font-family', 'font-size', 'font-weight', 'font-style', 'letter-spacing', 'font-feature-settings']) {
      probe.style.setProperty(property, hint.getPropertyValue(property));
    }
    Object.assign(probe.style, { position: 'absolute', visibility: 'hidden', whiteSpace: 'pre' });
    probe.textContent = el.placeholder;
    document.body.append(probe);
    const needs = probe.getBoundingClientRect().width;
    probe.remove();
    if (needs > room + 1) problems.push(`clipped: ${where(el)} placeholder 「${el.placeholder.slice(0, 60)}」 needs ${Math.ceil(needs)}px in ${Math.floor(room)}px`);
  }

  const lines = (el: HTMLElement): number => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    return tops.size;
  };
  /** Lines the element takes now, and again laid out with the given rules (put back afterwards). */
  const linesWith = (el: HTMLElement, rules: Record<string, string>): [number, number] => {
    const free = lines(el);
    if (free <= 1) return [free, free];
    const saved = el.getAttribute('style');
    for (const [name, value] of Object.entries(rules)) el.style.setProperty(name, value, 'important');
    const bound = lines(el);
    if (saved === null) el.removeAttribute('style');
    else el.setAttribute('style', saved);
    return [free, bound];
  };
  // A header is broken if it wraps where a word (or a CJK word, kept whole) could not.
  for (const el of document.querySelectorAll<HTMLElement>('th, [role=columnheader], dt, legend')) {
    if (!visible(el) || isOutside(el) || !el.textContent?.trim()) continue;
    const [free, wordsOnly] = linesWith(el, { 'word-break': 'keep-all', 'overflow-wrap': 'normal', 'line-break': 'strict' });
    if (wordsOnly < free) problems.push(`broken word: ${where(el)} takes ${free} lines where its words take ${wordsOnly}`);
  }
  // Any other cell is broken if a word or number (「2026/12/0 4」) was split only because it did not fit.
  for (const el of document.querySelectorAll<HTMLElement>('td, [role=cell], dd, button, label > span, .badge')) {
    if (!visible(el) || isOutside(el) || !el.textContent?.trim() || el.querySelector('td, dd, button, label, table, ul, ol, p, div')) continue;
    const [free, whole] = linesWith(el, { 'word-break': 'normal', 'overflow-wrap': 'normal' });
    if (whole < free) problems.push(`broken word: ${where(el)} takes ${free} lines where whole words take ${whole}`);
  }

  const keyRoot = keyRoots.map((root) => root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const internal: Array<[RegExp, string]> = [
    [new RegExp(`(?:^|[^\\w.@/-])(?:${keyRoot})\\.[a-zA-Z][\\w.]*`), 'catalog key'],
    [/(?:^|[^\w@./-])[a-z]+(?:_[a-z0-9]+)+(?=$|[^\w@./-])/, 'snake_case identifier'],
    [/[{[]\s*"[^"]*"\s*:/, 'JSON'],
    [/\bvm#[0-9a-f]+/i, 'machine id'],
  ];
  /** A word of Latin letters alone: codes (SKN-002), addresses and numbers are data, not words. */
  const englishWords = (text: string) =>
    text
      .split(/[\s\u3000、。，：；！？「」『』（）()【】・/|:;,!?"'…→]+/)
      .map((token) => token.replace(/^[.-]+|[.-]+$/g, ''))
      .filter((token) => /^[A-Za-z]{2,}$/.test(token) && !universal.has(token));
  const universal = new Set(['ID', 'Tanto', 'LINE', 'CSV', 'LOC', 'URL', 'CP932', 'UTF', 'OK', 'BOM', 'PC', 'ecforce']);
  const seen = new Set<string>();
  const report = (line: string) => {
    if (seen.has(line)) return;
    seen.add(line);
    problems.push(line);
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const texts: Array<{ text: string; at: Element; data: boolean }> = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.parentElement;
    if (!at || !visible(at) || at.closest('script, style, .language, option')) continue;
    const text = node.textContent?.trim();
    if (text) texts.push({ text, at, data: at.closest('[translate=no]') !== null });
  }
  for (const select of document.querySelectorAll<HTMLSelectElement>('select')) {
    if (!visible(select) || select.closest('.language')) continue;
    for (const option of select.options) {
      if (option.text.trim()) texts.push({ text: option.text.trim(), at: option, data: option.closest('[translate=no]') !== null });
    }
  }
  for (const el of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[placeholder], textarea[placeholder]')) {
    if (visible(el) && !el.closest('[translate=no]')) texts.push({ text: el.placeholder, at: el, data: false });
  }
  for (const { text, at, data } of texts) {
    if (isOutside(at)) continue;
    for (const [pattern, what] of internal) {
      const hit = pattern.exec(text);
      if (hit) report(`internal code (${what}): ${where(at)} shows 「${hit[0].trim()}」`);
    }
    // A name from outside set into a sentence is isolated (U+2068 … U+2069, see isolated()): data, not words.
    const words = language === 'ja' && !data ? englishWords(text.replace(/\u2068[^\u2069]*\u2069/g, ' ')) : [];
    if (words.length > 0) report(`English on a Japanese screen: ${where(at)} shows 「${words.join(' ')}」`);
  }
  return problems;
}

/**
 * Times a staff member could not place in a zone, gathered in the page by
 * `page.evaluate(timesWithoutZone, { zoneNames })`, where zoneNames are every zone's name in every
 * language (日本時間, Japan time, 台灣時間, …). A time is one of the screens' forms (2026/12/04,
 * 2026/12/04 09:05, 2026/12, or a clock 09:05 inside a sentence); it is placed when its block names
 * the zone: the table, list, term list or paragraph it stands in, or the section, panel or dialog
 * that holds it (whose heading may carry the name for the list below it), or the top bar, whose
 * zone picker names it for the badges beside it. A date in the ISO form (2026-12-04) is not one of
 * the screens' forms and is reported wherever it is, and so is a column of a table whose times
 * are not all of one form (a date beside a date and minute). Text from outside and [translate=no]
 * data is not a time of ours, nor is the example in a date input's error (.date-input-error).
 */
export function timesWithoutZone({ zoneNames }: { zoneNames: string[] }): string[] {
  const problems: string[] = [];
  const time = /(?<![\d/])(?:\d{4}\/\d{2}(?:\/\d{2})?(?: \d{2}:\d{2})?|\d{2}:\d{2})(?![\d/:])/;
  const iso = /(?<![\d-])\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?(?![\d-])/;
  const blocks = 'table, dl, ul, ol, p, li, h1, h2, h3, h4, [role=status], [role=alert]';
  const holders = 'section, article, [role=dialog], .panel, fieldset, header.topbar';
  const names = (el: Element): boolean => el.querySelector('.zone-label') !== null || zoneNames.some((name) => (el.textContent ?? '').includes(name));
  const where = (el: Element): string => {
    const screen = el.closest('main')?.getAttribute('data-screen') ?? 'top';
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    return `${screen} ${el.tagName.toLowerCase()}${cls}`;
  };
  const formOf = (shown: string) => (/^\d{2}:/.test(shown) ? 'clock' : shown.includes(':') ? 'date and minute' : shown.length > 7 ? 'date' : 'month');
  /** Per table, per column: the forms its times come in. */
  const forms = new Map<Element, Map<string, Set<string>>>();
  const seen = new Set<Element>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.parentElement;
    const text = node.textContent ?? '';
    if (!at || !(at as HTMLElement).checkVisibility({ visibilityProperty: true })) continue;
    if (at.closest('script, style, option, .outside-text, [translate=no], .date-input-error')) continue;
    const isoHit = iso.exec(text);
    if (isoHit) problems.push(`time in another form: ${where(at)} shows 「${isoHit[0]}」`);
    const hit = time.exec(text);
    if (!hit) continue;
    const cell = at.closest('td');
    const table = cell?.closest('table');
    if (cell && table) {
      const column = `${cell.cellIndex}`;
      const columns = forms.get(table) ?? new Map<string, Set<string>>();
      forms.set(table, columns.set(column, (columns.get(column) ?? new Set()).add(formOf(hit[0]))));
    }
    const block = at.closest(blocks) ?? at;
    const holder = block.closest(holders);
    if (names(block) || (holder && names(holder)) || seen.has(block)) continue;
    seen.add(block);
    problems.push(`time without its zone: ${where(block)} shows 「${hit[0]}」 and names no zone`);
  }
  for (const [table, columns] of forms) {
    for (const [column, kinds] of columns) {
      if (kinds.size > 1) problems.push(`times in mixed forms: ${where(table)} column ${Number(column) + 1} shows ${[...kinds].sort().join(', ')}`);
    }
  }
  return problems;
}
