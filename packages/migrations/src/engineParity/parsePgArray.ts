/**
 * Parses PostgreSQL's text form of an array (`{a,"b c",NULL,{1,2}}`, optionally with a dimension
 * prefix `[0:1]={…}`) into nested JS arrays: an unquoted `NULL` is `null`, a quoted `"NULL"` is the
 * string, and every other element goes through `element` (the element type's parser), if any.
 * postgres.js 3.4.9's own parser reads `NULL` as the string `'NULL'` (`NaN` for numbers, `false` for
 * booleans; porsager/postgres#1124, #1049), where PGlite gives `null`.
 *
 * @example
 * parsePgArray('{1,NULL,3}', Number); // [1, null, 3]
 */
export function parsePgArray(text: string, element?: (value: string) => unknown, delimiter = ','): unknown[] {
  let i = text.charCodeAt(0) === 91 /* [ */ ? text.indexOf('=') + 1 : 0;
  const parseLevel = (): unknown[] => {
    const out: unknown[] = [];
    i++; // past '{'
    if (text[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      const c = text[i];
      if (c === '{') out.push(parseLevel());
      else if (c === '"') out.push(quoted());
      else {
        const start = i;
        while (i < text.length && text[i] !== delimiter && text[i] !== '}') i++;
        const raw = text.slice(start, i);
        out.push(raw === 'NULL' ? null : element ? element(raw) : raw);
      }
      if (text[i] === delimiter) {
        i++;
        continue;
      }
      i++; // past '}'
      return out;
    }
  };
  const quoted = (): unknown => {
    let value = '';
    let start = ++i;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        value += text.slice(start, i);
        start = ++i; // keep the escaped character
      }
      i++;
    }
    value += text.slice(start, i);
    i++; // past the closing quote
    return element ? element(value) : value;
  };
  return parseLevel();
}
