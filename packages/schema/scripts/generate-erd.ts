// Writes docs/er-diagram.md and the README's diagram block from the drizzle schema. `pnpm erd` runs it.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { orgErdMarkdown } from '../src/erd/orgErdMarkdown.ts';
import { replaceReadmeErd } from '../src/erd/readmeErdBlock.ts';

const docs = fileURLToPath(new URL('../../../docs/er-diagram.md', import.meta.url));
writeFileSync(docs, orgErdMarkdown());
const readme = fileURLToPath(new URL('../../../README.md', import.meta.url));
writeFileSync(readme, replaceReadmeErd(readFileSync(readme, 'utf8')));
console.log(`wrote ${docs} and the diagram in ${readme}`);
