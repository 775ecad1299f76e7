export * from './media-probe';
