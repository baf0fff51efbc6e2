import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replaceReadmeErd } from '../src/erd/readmeErdBlock.ts';
import { orgErdMarkdown, renderMermaidErd, users, userProfiles, projects } from '../src/index.ts';

describe('entity-relationship diagram', () => {
  it('the committed docs/er-diagram.md matches the schema (run `pnpm erd` to refresh)', () => {
    const committed = readFileSync(new URL('../../../docs/er-diagram.md', import.meta.url), 'utf8');
    expect(committed).toBe(orgErdMarkdown());
  });

  it('the README carries the same diagram (run `pnpm erd` to refresh)', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(replaceReadmeErd(readme)).toBe(readme);
  });

  it('draws one relationship per foreign key with the right cardinality', () => {
    const erd = renderMermaidErd([users, userProfiles, projects]);
    expect(erd).toContain('users ||--o| user_profiles : "user_id"');
    expect(erd).toContain('users ||--o{ projects : "user_id"');
    expect(erd).toMatch(/users \{\n {4}uuid id PK\n {4}varchar\(320\) email\n/);
  });
});
