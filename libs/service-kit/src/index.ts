export * from './config/service-config';
export * from './tokens';
export * from './service-kit.module';
export * from './bootstrap';
export { ApiKeyGuard } from './admin/api-key.guard';
export { ReadinessService, type ReadinessProblem } from './health/readiness.service';
