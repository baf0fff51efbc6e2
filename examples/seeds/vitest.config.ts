import { packageProject } from '../../tooling/vitest.project.ts';

export default packageProject('seeds', { env: { ORG_TEST_ENGINE: 'pglite' } });
