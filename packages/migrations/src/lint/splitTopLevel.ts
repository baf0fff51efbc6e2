/**
 * Splits scanned statement code on commas outside parentheses (strings are already blanked by
 * scanSql), e.g. the actions of one ALTER TABLE.
 */
export function splitTopLevel(code: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(code.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(code.slice(start).trim());
  return parts.filter(Boolean);
}

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)`;
/** A possibly schema-qualified name, as a regex source with one capture group. */
export const QUALIFIED_NAME = String.raw`(${IDENT}(?:\s*\.\s*${IDENT})?)`;

/** A table name as rules compare it: without schema, unquoted names lowercased. */
export function normalizeName(name: string): string {
  const last = name
    .split(/\.(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    .pop()!
    .trim();
  return last.startsWith('"') ? last.slice(1, -1).replaceAll('""', '"') : last.toLowerCase();
}
