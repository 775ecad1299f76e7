export { testWorld, serviceEnv, type TestWorld, type TestWorldOptions } from './test-world';
