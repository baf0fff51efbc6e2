import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const entries = ['schema/src/index.ts', 'migrations/src/index.ts', 'testing/src/index.ts', 'testing/src/vitest.ts', 'queries/src/index.ts'];

/** Every name a module exports, with the file that declares it (following re-exports). */
function publicDeclarations(file: string, wanted?: Set<string>, seen = new Set<string>()): Map<string, string> {
  const out = new Map<string, string>();
  if (seen.has(file)) return out;
  seen.add(file);
  const src = readFileSync(file, 'utf8');
  const target = (spec: string) => resolve(dirname(file), spec);
  for (const m of src.matchAll(/export (?:type )?\{([^}]*)\} from '(\.[^']+)'/g)) {
    const names = m[1]!
      .split(',')
      .map((n) =>
        n
          .trim()
          .split(/\s+as\s+/)
          .pop()!
          .replace(/^type\s+/, ''),
      )
      .filter(Boolean);
    const from = target(m[2]!);
    for (const [name, where] of publicDeclarations(from, new Set(names), seen.has(from) ? new Set() : new Set())) out.set(name, where);
  }
  for (const m of src.matchAll(/export (?:type )?\* from '(\.[^']+)'/g)) {
    for (const [name, where] of publicDeclarations(target(m[1]!), undefined, new Set())) out.set(name, where);
  }
  for (const m of src.matchAll(/^export (?:async )?(?:function|const|class|interface|type|abstract class) (\w+)/gm)) out.set(m[1]!, file);
  if (wanted) for (const name of [...out.keys()]) if (!wanted.has(name)) out.delete(name);
  return out;
}

it('documents every public export (values with an @example)', () => {
  const missing: string[] = [];
  let checked = 0;
  for (const entry of entries) {
    for (const [name, file] of publicDeclarations(join(root, 'packages', entry))) {
      if (!existsSync(file)) continue;
      const src = readFileSync(file, 'utf8');
      const decl = new RegExp(`^export (?:async )?(function|const|class|interface|type|abstract class) ${name}\\b`, 'm').exec(src);
      if (!decl) continue;
      checked++;
      const before = src.slice(0, decl.index).trimEnd();
      const doc = before.endsWith('*/') ? before.slice(before.lastIndexOf('/**')) : '';
      const isValue = !['interface', 'type'].includes(decl[1]!);
      if (!doc || (isValue && !doc.includes('@example'))) missing.push(`${file.slice(root.length)}: ${name}${doc ? ' (no @example)' : ''}`);
    }
  }
  expect(checked).toBeGreaterThan(150);
  expect(missing, missing.join('\n')).toEqual([]);
});
