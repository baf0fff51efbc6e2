import { packageBuild } from '../../tooling/tsup.package.ts';

export default packageBuild({ index: 'src/index.ts', vitest: 'src/vitest.ts' });
