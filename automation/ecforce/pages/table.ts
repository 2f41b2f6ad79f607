import type { Locator } from 'playwright-core';

export interface TableRow {
  /** Cell text by column header; columns are found by their header, never by position. */
  cells: Record<string, string>;
  row: Locator;
}

/** Reads a server-rendered table in one round trip. */
export async function readTable(table: Locator): Promise<TableRow[]> {
  // No named helpers inside: code run in the page must survive bundlers that wrap named
  // functions (esbuild's keepNames adds a __name call the page does not have).
  // Only ASCII whitespace is trimmed: a full-width space (U+3000) may be part of a name.
  const data = await table.evaluate((element) => ({
    headers: Array.from(element.querySelectorAll('thead th')).map((th) => (th.textContent ?? '').replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')),
    rows: Array.from(element.querySelectorAll('tbody > tr')).map((tr) =>
      Array.from(tr.querySelectorAll(':scope > td')).map((td) => (td.textContent ?? '').replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')),
    ),
  }));
  return data.rows.map((cells, index) => ({
    cells: Object.fromEntries(data.headers.map((header, column) => [header, cells[column] ?? ''])),
    row: table.locator('tbody > tr').nth(index),
  }));
}

export function hasColumns(rows: TableRow[], headers: readonly string[]): boolean {
  const first = rows[0];
  return first === undefined || headers.every((h) => h in first.cells);
}
