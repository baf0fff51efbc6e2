// Writes docs/er-diagram.md from the drizzle schema. `pnpm erd` at the root runs it.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { orgErdMarkdown } from '../src/erd/orgErdMarkdown.ts';

const target = fileURLToPath(new URL('../../../docs/er-diagram.md', import.meta.url));
writeFileSync(target, orgErdMarkdown());
console.log(`wrote ${target}`);
