/**
 * The table's own fields of a result row that also carries computed ones (cursor keys, a window total,
 * a batch ordinal), as a new object. Deleting the extra fields instead turned every row into a
 * dictionary-mode object, slow to build and slow for the caller to read (measured: a third of a
 * keyset page's JavaScript time).
 *
 * @example
 * const items = rows.map((row) => tableRow(row, columnKeys));
 */
export function tableRow(row: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = row[key];
  return out;
}
