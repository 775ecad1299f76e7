export * from './api-shapes';
