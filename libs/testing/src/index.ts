export {
  createTestDatabase,
  reserveTestDatabase,
  terminateBackends,
  testDatabaseName,
  urlForDatabase,
  TEST_POSTGRES_URL,
  type TestDatabase,
} from './postgres';
export { waitFor, type WaitForOptions } from './wait-for';
export {
  TEST_AMQP_URL,
  RABBITMQ_API,
  uniqueTopology,
  deleteTopology,
  queueDepth,
  closeConnections,
  publishRawEvent,
  type TestTopology,
} from './amqp';
export {
  fuzzHttp,
  fuzzRequests,
  fixedRequests,
  listRoutes,
  send,
  answerProblems,
  encodeBytes,
  HOSTILE_URL_VALUES,
  FUZZ_ENV,
  SERVICE_KIT_ROUTES,
  itFuzzesEveryRoute,
  type FuzzRoute,
  type FuzzRoutes,
  type FuzzRequest,
  type FuzzAnswer,
  type FuzzOptions,
} from './http-fuzz';
export { TEST_API_KEY, quietLogger } from './quiet';
