import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

export default async (): Promise<Config> => ({
  projects: await getJestProjectsAsync(),
  // A global option, so it must be here: integration tests talk to the real
  // broker and database and need room on a busy two-core machine.
  testTimeout: 30_000,
});
