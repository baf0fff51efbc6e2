import { packageProject } from '../../tooling/vitest.project.ts';

export default packageProject('queries', { env: { ORG_TEST_ENGINE: 'pglite' } });
