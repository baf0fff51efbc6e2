/** Type ids whose values PGlite parses differently from postgres.js, by what to make of them. */
const INT8 = 20;
const INT8_ARRAY = 1016;
const BYTEA = 17;
const BYTEA_ARRAY = 1001;

/** A result as PGlite returns it: rows plus the fields' type ids. */
export interface PgliteResult {
  rows: Record<string, unknown>[];
  fields?: { name: string; dataTypeID: number }[];
}

const asText = (value: unknown): unknown => (value === null ? null : Array.isArray(value) ? value.map(asText) : String(value));
const asBuffer = (value: unknown): unknown => (value === null ? null : Array.isArray(value) ? value.map(asBuffer) : Buffer.from(value as Uint8Array));

const CONVERSIONS: Record<number, (value: unknown) => unknown> = {
  [INT8]: asText,
  [INT8_ARRAY]: asText,
  [BYTEA]: asBuffer,
  [BYTEA_ARRAY]: asBuffer,
};

/**
 * PGlite's rows with the values postgres.js gives for the same types: int8 (`count(*)`, `bigint`
 * columns, and arrays of them) as exact decimal strings where PGlite's default parsers give numbers,
 * and bytea as a `Buffer` where PGlite gives a plain `Uint8Array`. A client made by `createDatabase`
 * already parses these so (see `PGLITE_PARSERS`); this covers any other PGlite client.
 *
 * @example
 * const rows = normalisePgliteRows(await pglite.query('select count(*) as n from users'));
 */
export function normalisePgliteRows(result: PgliteResult): Record<string, unknown>[] {
  const converted = (result.fields ?? []).flatMap((f) => {
    const convert = CONVERSIONS[f.dataTypeID];
    return convert ? [[f.name, convert] as const] : [];
  });
  if (converted.length === 0) return result.rows;
  return result.rows.map((row) => {
    const out = { ...row };
    for (const [name, convert] of converted) if (out[name] !== undefined) out[name] = convert(out[name]);
    return out;
  });
}
