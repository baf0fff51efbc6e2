/** One statement of a SQL script, as {@link scanSql} found it. */
export interface SqlStatement {
  /** The statement's text as written, comments included, without the closing `;`. */
  text: string;
  /**
   * The statement with comments removed, string and dollar-quoted contents blanked (`''`, `$$ $$`)
   * and whitespace collapsed to single spaces (quoted identifiers kept): what rules match on, so a
   * keyword inside a string, comment or function body is never mistaken for one.
   */
  code: string;
  /** 1-based line of the statement's first character that is not whitespace or comment. */
  line: number;
}

/**
 * Splits a script into statements the way PostgreSQL reads it: `;` ends a statement except inside
 * comments (nested block comments too), quoted strings (`E'…'` escapes), quoted identifiers,
 * dollar-quoted bodies and SQL-standard `BEGIN ATOMIC … END` function bodies.
 *
 * @example
 * scanSql("select ';'; -- a;b\nselect 2;").map((s) => [s.line, s.code]); // [[1, "select ''"], [2, 'select 2']]
 */
export function scanSql(sql: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let start = 0;
  let code = '';
  let line = 1;
  let firstLine = 0;
  let words: string[] = [];
  let atomicDepth = 0;
  let i = 0;

  const finish = (end: number) => {
    const trimmed = code.replace(/\s+/g, ' ').trim();
    if (trimmed.length > 0) statements.push({ text: sql.slice(start, end).trim(), code: trimmed, line: firstLine });
    start = end + 1;
    code = '';
    firstLine = 0;
    words = [];
    atomicDepth = 0;
  };
  const mark = () => {
    if (firstLine === 0) firstLine = line;
  };
  const countLines = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (sql[k] === '\n') line++;
  };

  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
      continue;
    }
    if (c === '/' && next === '*') {
      let depth = 1;
      let k = i + 2;
      while (k < sql.length && depth > 0) {
        if (sql[k] === '/' && sql[k + 1] === '*') {
          depth++;
          k += 2;
        } else if (sql[k] === '*' && sql[k + 1] === '/') {
          depth--;
          k += 2;
        } else k++;
      }
      countLines(i, k);
      code += ' ';
      i = k;
      continue;
    }
    if (c === "'" || c === '"') {
      mark();
      const escapes = c === "'" && /[eE]$/.test(code) && !/[\w$][eE]$/.test(code);
      let k = i + 1;
      for (; k < sql.length; k++) {
        if (escapes && sql[k] === '\\') k++;
        else if (sql[k] === c) {
          if (sql[k + 1] === c) k++;
          else break;
        }
      }
      countLines(i, k);
      code += c === '"' ? sql.slice(i, k + 1) : "''";
      i = k + 1;
      continue;
    }
    if (c === '$') {
      const tag = /^\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.exec(sql.slice(i, i + 64));
      if (tag && !/[\w$]$/.test(code)) {
        mark();
        const close = sql.indexOf(tag[0], i + tag[0].length);
        const end = close === -1 ? sql.length : close + tag[0].length;
        countLines(i, end);
        code += ' $$ $$ ';
        i = end;
        continue;
      }
    }
    if (/[A-Za-z_]/.test(c)) {
      mark();
      const word = /^[A-Za-z_][\w$]*/.exec(sql.slice(i, i + 128))![0];
      const lower = word.toLowerCase();
      if (lower === 'atomic' && words[words.length - 1] === 'begin') atomicDepth = 1;
      else if (atomicDepth > 0 && lower === 'case') atomicDepth++;
      else if (atomicDepth > 0 && lower === 'end') atomicDepth--;
      words.push(lower);
      code += word;
      i += word.length;
      continue;
    }
    if (c === ';' && atomicDepth === 0) {
      finish(i);
      i++;
      continue;
    }
    if (c === '\n') line++;
    if (!/\s/.test(c)) mark();
    code += c;
    i++;
  }
  finish(sql.length);
  return statements;
}
