import { stringify } from 'csv-stringify/sync';

/** One column of an open-data CSV: its key, and its header in English and Arabic. */
export interface Column {
  key: string;
  en: string;
  ar: string;
}

/** A cell as a spreadsheet shows it: text and numbers as they are, a list or an object as JSON, nothing as empty. */
function cell(v: unknown): string | number | bigint {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return JSON.stringify(v);
}

// a cell that starts with = + - @ or a tab is given a leading ' so a spreadsheet shows it rather than runs it
const OPTIONS = { escape_formulas: true } as const;

/**
 * The start of a CSV file: the UTF-8 byte order mark (without it Excel reads Arabic as mojibake)
 * and the header row, in English or Arabic.
 */
export function csvHeader(columns: Column[], arabic = false): string {
  return stringify([columns.map((c) => (arabic ? c.ar : c.en))], { ...OPTIONS, bom: true });
}

/** One row (RFC 4180), the values in the columns' order. */
export function csvRow(values: unknown[]): string {
  return stringify([values.map(cell)], OPTIONS);
}
