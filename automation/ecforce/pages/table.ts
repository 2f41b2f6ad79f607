import type { Locator } from 'playwright-core';
import { applicationError, messages, pageDetails, screenOf, type ScreenCode } from '../errors';

export interface TableRow {
  /** Cell text by column header; columns are found by their header, never by position. */
  cells: Record<string, string>;
  row: Locator;
  /** The targets of the row's links named as asked (none asked: empty). */
  links: string[];
}

/** Reads a server-rendered table in one round trip, with each row's links whose text is linkName. */
export async function readTable(table: Locator, linkName?: string): Promise<TableRow[]> {
  // No named helpers inside: code run in the page must survive bundlers that wrap named
  // functions (esbuild's keepNames adds a __name call the page does not have).
  // Only ASCII whitespace is trimmed: a full-width space (U+3000) may be part of a name.
  const data = await table.evaluate(
    (element, name) => ({
      headers: Array.from(element.querySelectorAll('thead th')).map((th) => (th.textContent ?? '').replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')),
      rows: Array.from(element.querySelectorAll('tbody > tr')).map((tr) =>
        Array.from(tr.querySelectorAll(':scope > td')).map((td) => (td.textContent ?? '').replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')),
      ),
      links: Array.from(element.querySelectorAll('tbody > tr')).map((tr) =>
        name === null
          ? []
          : Array.from(tr.querySelectorAll('a[href]'))
              .filter((a) => (a.textContent ?? '').replace(/\s+/g, ' ').trim() === name)
              .map((a) => (a as HTMLAnchorElement).href),
      ),
    }),
    linkName ?? null,
  );
  return data.rows.map((cells, index) => ({
    cells: Object.fromEntries(data.headers.map((header, column) => [header, cells[column] ?? ''])),
    row: table.locator('tbody > tr').nth(index),
    links: data.links[index] ?? [],
  }));
}

/** The target of the row's one link of that name; none or several is a layout this robot does not know. */
export function onlyLink(row: TableRow, name: string, screen: ScreenCode): string {
  if (row.links.length > 1) throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(screen), pageDetails.elementTwice(name)));
  const [link] = row.links;
  if (link === undefined) throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(screen), pageDetails.elementMissing(name)));
  return link;
}

export function hasColumns(rows: TableRow[], headers: readonly string[]): boolean {
  const first = rows[0];
  return first === undefined || headers.every((h) => h in first.cells);
}
