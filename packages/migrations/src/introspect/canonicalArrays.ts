/**
 * PostgreSQL deparses `x in ('a', 'b')` on a varchar column as
 * `(x)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])`; run that text
 * again and it deparses as `ANY (ARRAY[('a'::character varying)::text, ('b'::character varying)::text])`.
 * Both are the same check (an array cast is applied element by element). A constraint the bridge
 * re-creates from the first text reads back as the second, so without this the re-compare after a
 * bridge never matched. Two rewrites, each exact:
 * - `(ARRAY[e1, e2])::T[]` becomes `ARRAY[(e1)::T, (e2)::T]` (array coercion is element-wise);
 * - `('lit'::character varying)::text` becomes `'lit'::text` (varchar without a length to text loses
 *   nothing), and the same for `NULL`.
 * Nothing else changes: values, their order and their columns stay as written, so lists that differ
 * in any of them still differ.
 */

/**
 * An expression or definition with array casts distributed over their elements.
 *
 * @example
 * canonicalArrays("((x)::text = ANY ((ARRAY['a'::character varying])::text[]))");
 * // "((x)::text = ANY (ARRAY['a'::text]))"
 */
export function canonicalArrays(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"') {
      const end = quoteEnd(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (text.startsWith('(ARRAY[', i) && !isWordChar(text[i - 1])) {
      const rewritten = distributeCast(text, i);
      if (rewritten) {
        out += rewritten.text;
        i = rewritten.end;
        continue;
      }
    }
    if (text.startsWith('ARRAY[', i) && !isWordChar(text[i - 1])) {
      const close = matching(text, i + 5);
      if (close !== -1) {
        out += `ARRAY[${elements(text.slice(i + 6, close))
          .map(lossless)
          .join(', ')}]`;
        i = close + 1;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

/** `(ARRAY[...])::T[]` at `start`, rewritten, or undefined when the text there is not exactly that. */
function distributeCast(text: string, start: number): { text: string; end: number } | undefined {
  const close = matching(text, start + 6);
  if (close === -1 || !text.startsWith(')::', close + 1)) return undefined;
  // The element type runs to the first `[]`: `text`, `character varying(20)`, `public."my type"`.
  const from = close + 4;
  const j = text.indexOf('[]', from);
  if (j === -1 || text.startsWith('[][]', j)) return undefined;
  const type = text.slice(from, j);
  if (!/^(?:[\w$]+|"(?:[^"]|"")+")(?:\.(?:[\w$]+|"(?:[^"]|"")+"))?(?: [a-z ]+)?(?:\(\d+(?:,\s*\d+)?\))?$/i.test(type)) return undefined;
  const inner = elements(text.slice(start + 7, close)).map((e) => lossless(`(${e})::${type}`));
  return { text: `ARRAY[${inner.join(', ')}]`, end: j + 2 };
}

/** `('lit'::character varying)::text` as `'lit'::text`; anything else as it is. */
function lossless(element: string): string {
  const m = /^\(((?:'(?:[^']|'')*')|NULL)::character varying\)::text$/.exec(element);
  return m ? `${m[1]}::text` : element;
}

/** The top-level, comma-separated elements of an array's body, each canonical and trimmed. */
function elements(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === "'" || ch === '"') i = quoteEnd(body, i) - 1;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(body.slice(from, i));
      from = i + 1;
    }
  }
  out.push(body.slice(from));
  return out.map((e) => canonicalArrays(e.trim())).filter((e) => e !== '');
}

/** The index of the bracket or parenthesis closing the one at `open`, or -1. */
function matching(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"') i = quoteEnd(text, i) - 1;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** The index just past the quoted literal or identifier starting at `start` (a doubled quote escapes). */
function quoteEnd(text: string, start: number): number {
  const q = text[start]!;
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === q) {
      if (text[i + 1] === q) i += 2;
      else return i + 1;
    } else i++;
  }
  return text.length;
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\w$]/.test(ch);
}
