export * from './correlation-context';
export * from './logger';
export * from './probe-paths';
export * from './start-telemetry';
