/**
 * Reading the statistics pages as their reader does: the table under each chart (its rows by
 * their channel header, in column order) and the CSV export, plus how each figure is laid
 * out (chart first, then an accessible table with the same numbers).
 */
import type { Page } from 'playwright-core';

/** The cells of the body row headed `rowLabel` (the last one is the row total). */
export function rowCells(page: Page, tableTestId: string, rowLabel: string): Promise<string[]> {
  return page.locator(`[data-testid="${tableTestId}"] tbody tr`).filter({ has: page.getByRole('rowheader', { name: rowLabel, exact: true }) }).locator('td').allInnerTexts();
}

/** The column totals row (the last cell is the grand total). */
export function totalCells(page: Page, tableTestId: string): Promise<string[]> {
  return page.locator(`[data-testid="${tableTestId}"] tfoot td`).allInnerTexts();
}

export function rowHeaders(page: Page, tableTestId: string): Promise<string[]> {
  return page.locator(`[data-testid="${tableTestId}"] tbody th[scope=row]`).allInnerTexts();
}

export interface FigureLayout {
  section: string;
  canvasRole: string | null;
  canvasLabel: string | null;
  /** whether chart.js drew anything (a transparent canvas is an empty chart) */
  drawn: boolean;
  /** whether the section's table comes after its canvas in document order */
  tableAfterChart: boolean;
  caption: string;
  colHeaders: number;
  rowHeaders: number;
}

/** Every figure of the page: its canvas and the table that must follow it. */
export function figureLayouts(page: Page): Promise<FigureLayout[]> {
  return page.locator('section.stat-section').evaluateAll((sections) =>
    sections.map((section) => {
      const canvas = section.querySelector('canvas');
      const table = section.querySelector('table');
      const pixels = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
      let drawn = false;
      for (let i = 3; pixels && !drawn && i < pixels.length; i += 4) drawn = (pixels[i] ?? 0) > 0;
      return {
        section: section.getAttribute('data-testid') ?? '',
        canvasRole: canvas?.getAttribute('role') ?? null,
        canvasLabel: canvas?.getAttribute('aria-label') ?? null,
        drawn,
        tableAfterChart: !!canvas && !!table && (canvas.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
        caption: table?.querySelector('caption')?.textContent ?? '',
        colHeaders: table?.querySelectorAll('th[scope=col]').length ?? 0,
        rowHeaders: table?.querySelectorAll('th[scope=row]').length ?? 0,
      };
    }),
  );
}

/** RFC 4180 records (quoted fields, doubled quotes, CRLF), without the byte-order mark. */
export function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const body = text.replace(/^\ufeff/, '');
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      records.push([...record, field]);
      record = [];
      field = '';
      i += 1;
    } else field += c;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

/** The cell of the row headed `rowLabel` under the column headed `colLabel`. */
export async function cellAt(page: Page, tableTestId: string, rowLabel: string, colLabel: string): Promise<string> {
  const headers = await page.locator(`[data-testid="${tableTestId}"] thead th`).allInnerTexts();
  const column = headers.indexOf(colLabel);
  if (column < 1) throw new Error(`no column "${colLabel}" in ${tableTestId}: ${headers.join(' | ')}`);
  // The first header is the channel column's, which is a th in the body rows, not a td.
  return (await rowCells(page, tableTestId, rowLabel))[column - 1] ?? '';
}
