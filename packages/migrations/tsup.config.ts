import { packageBuild } from '../../tooling/tsup.package.ts';

// drizzle-kit is an optional peer, imported only by the schema drift check: never bundled.
export default packageBuild({ index: 'src/index.ts', cli: 'src/cli/main.ts' }, { external: ['drizzle-kit', 'drizzle-kit/api'] });
