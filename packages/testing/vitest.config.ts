import { packageProject } from '../../tooling/vitest.project.ts';

export default packageProject('testing', { env: { ORG_TEST_ENGINE: 'pglite' } });
