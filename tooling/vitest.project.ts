import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

/**
 * Per-package vitest project: resolves workspace packages to their `src/` through the `@org/source`
 * export condition (so tests never need a build), and runs `*.test-d.ts` type tests in the same run.
 */
export function packageProject(name: string, test: UserWorkspaceConfig['test'] = {}) {
  return defineProject({
    resolve: { conditions: ['@org/source', 'module', 'node', 'import', 'default'] },
    ssr: { resolve: { conditions: ['@org/source', 'module', 'node', 'import', 'default'] } },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      typecheck: {
        enabled: true,
        include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'],
        tsconfig: './tsconfig.json',
      },
      testTimeout: 60_000,
      hookTimeout: 120_000,
      ...test,
    },
  });
}
