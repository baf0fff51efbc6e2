import { orgTables } from '../schema.ts';
import { renderMermaidErd } from './renderMermaidErd.ts';

/**
 * The committed `docs/er-diagram.md`: the @org schema's diagram wrapped in Markdown.
 *
 * @example
 * writeFileSync('docs/er-diagram.md', orgErdMarkdown());
 */
export function orgErdMarkdown(): string {
  return [
    '# @org entity-relationship diagram',
    '',
    '<!-- Generated from @org/schema by `pnpm erd`; a test fails when this file is out of date. -->',
    '',
    '```mermaid',
    renderMermaidErd(Object.values(orgTables)).trimEnd(),
    '```',
    '',
  ].join('\n');
}
