import { packageProject } from '../../tooling/vitest.project.ts';

export default packageProject('http-service', { env: { ORG_TEST_ENGINE: 'pglite' } });
