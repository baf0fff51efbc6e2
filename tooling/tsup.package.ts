import { defineConfig, type Options } from 'tsup';

/**
 * The one build every package uses: ESM + CJS + declarations for each entry, so that the published
 * exports map (`import`/`require`, each with its own `types`) is satisfied and passes attw.
 */
export function packageBuild(entry: Record<string, string>, extra: Partial<Options> = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    // CJS output of code that uses import.meta.url (the migrations folder lookup) needs the shim.
    shims: true,
    splitting: false,
    treeshake: true,
    ...extra,
  });
}
