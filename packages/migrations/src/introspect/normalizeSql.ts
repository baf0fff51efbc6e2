import { canonicalArrays } from './canonicalArrays.ts';

/**
 * Catalog text that means the same thing but is spelled differently between servers or tools, made
 * equal. The server already canonicalises most of it (`default 'x'` and `default ('x'::varchar)` both
 * read back as `'x'::character varying`); what is left is synonyms and whitespace.
 */

/** Functions that are the same value under several spellings (SQL-standard forms and their aliases). */
const SYNONYMS: Array<[RegExp, string]> = [
  [/\bCURRENT_TIMESTAMP\b(?!\s*\()/gi, 'now()'],
  [/\btransaction_timestamp\(\)/gi, 'now()'],
  [/\bCURRENT_DATE\b/g, "('now'::text)::date"],
  [/\bLOCALTIMESTAMP\b(?!\s*\()/g, "('now'::text)::timestamp without time zone"],
];

/**
 * A default or generation expression as it compares: synonyms unified, whitespace collapsed, and
 * redundant outer parentheses removed.
 *
 * @example
 * normalizeExpression('CURRENT_TIMESTAMP'); // 'now()'
 */
export function normalizeExpression(text: string | null): string | null {
  if (text === null) return null;
  let out = canonicalArrays(collapse(text));
  for (const [pattern, replacement] of SYNONYMS) out = out.replace(pattern, replacement);
  return stripOuterParens(out);
}

/**
 * A constraint definition (pg_get_constraintdef) as it compares: whitespace collapsed, array casts
 * distributed (see canonicalArrays), `NOT VALID` left out (validation is compared on its own).
 *
 * @example
 * normalizeConstraintDefinition("CHECK (((s)::text = ANY ((ARRAY['a'::character varying])::text[])))");
 * // "CHECK (((s)::text = ANY (ARRAY['a'::text])))"
 */
export function normalizeConstraintDefinition(text: string): string {
  return canonicalArrays(collapse(text.replace(/\s+NOT VALID$/, '')));
}

/**
 * A default as it compares: a constant's cast is dropped (`(0)::numeric` and `0`, `'a'::text` and
 * `'a'::character varying` are the same default, since PostgreSQL coerces a default to the column's
 * type). Only a lone constant: any other expression compares as written.
 *
 * @example
 * comparableDefault('(0)::numeric'); // '0'
 */
export function comparableDefault(text: string | null): string | null {
  if (text === null) return null;
  const constant = /^\(?('(?:[^']|'')*'|-?\d+(?:\.\d+)?)\)?(?:::[a-z ]+(?:\(\d+(?:,\s*\d+)?\))?)?$/i.exec(text);
  return constant ? constant[1]! : text;
}

/** An index definition without its own name: `CREATE UNIQUE INDEX ON public.t USING btree (a)`. */
export function normalizeIndexDefinition(text: string): string {
  return canonicalArrays(collapse(text).replace(/^(CREATE (?:UNIQUE )?INDEX) (?:"(?:[^"]|"")+"|\S+) ON /, '$1 ON '));
}

/** A function definition: line endings and trailing whitespace do not count. */
export function normalizeFunctionDefinition(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

/** Whitespace outside quotes collapsed to single spaces. */
export function collapse(text: string): string {
  let out = '';
  let quote: string | undefined;
  for (const ch of text.trim()) {
    if (quote) {
      out += ch;
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (/\s/.test(ch)) {
      if (!out.endsWith(' ')) out += ' ';
    } else out += ch;
  }
  return out;
}

function stripOuterParens(text: string): string {
  let out = text;
  while (out.startsWith('(') && out.endsWith(')') && enclosesAll(out)) out = out.slice(1, -1).trim();
  return out;
}

function enclosesAll(text: string): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0 && i < text.length - 1) return false;
    }
  }
  return depth === 0;
}
