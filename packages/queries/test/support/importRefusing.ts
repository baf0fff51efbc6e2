// A fresh process for importLaziness.test.ts: `importRefusing.ts <module> <package>…` imports the module
// while a resolve hook refuses the packages, then prints one JSON line: whether the import succeeded,
// and which of the @org zod schemas (`orgSchemas.<table>.<insert|update|select>`) it built.
// Run with `--conditions=@org/source --import tsx` (the workspace sources, as the tests use them).
import { register } from 'node:module';

const [specifier, ...refused] = process.argv.slice(2);
const hook = `let refused = [];
export function initialize(data) { refused = data.refused; }
export async function resolve(specifier, context, next) {
  if (refused.some((name) => specifier === name || specifier.startsWith(name + '/'))) throw new Error('refused ' + specifier);
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`, { data: { refused } });

let imported = true;
try {
  await import(specifier!);
} catch {
  imported = false;
}
// Which schemas are built, when @org/schema can load under the refusals at all (it needs zod).
const builtSchemas = await import('@org/schema').then(
  ({ orgSchemas }) =>
    Object.entries(orgSchemas).flatMap(([table, set]) =>
      Object.entries(Object.getOwnPropertyDescriptors(set))
        .filter(([, descriptor]) => 'value' in descriptor)
        .map(([kind]) => `${table}.${kind}`),
    ),
  () => null,
);
console.log(JSON.stringify({ imported, builtSchemas }));
