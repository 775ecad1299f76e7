/** The API key every test app is started with (ORCHESTRATOR_API_KEY) and sends. */
export const TEST_API_KEY = 'test-api-key-0123456789abcdef';

/** A logger for buses and clients in tests: says nothing (a failing test says what went wrong). */
export const quietLogger = { log: () => undefined, warn: () => undefined, error: () => undefined } as const;
