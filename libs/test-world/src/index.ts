export {
  testWorld,
  serviceEnv,
  startInWorld,
  useAppInWorld,
  type InWorld,
  type TestWorld,
  type TestWorldOptions,
} from './test-world';
