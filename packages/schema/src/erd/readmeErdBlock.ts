import { orgTables } from '../schema.ts';
import { renderMermaidErd } from './renderMermaidErd.ts';

const START = '<!-- erd:start -->';
const END = '<!-- erd:end -->';

/** A README with the text between the erd markers replaced by the current diagram. */
export function replaceReadmeErd(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error('README has no erd:start / erd:end markers');
  const block = `${START}\n\`\`\`mermaid\n${renderMermaidErd(Object.values(orgTables)).trimEnd()}\n\`\`\`\n`;
  return readme.slice(0, start) + block + readme.slice(end);
}
