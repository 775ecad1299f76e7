export * from './correlation-context';
export * from './logger';
export * from './health-paths';
export * from './start-telemetry';
