export * from './event-type';
export * from './block';
export * from './sync-status';
export * from './event-envelope';
export * from './parsed-metadata';
export * from './payloads';
export * from './commands';
export * from './snapshots';
