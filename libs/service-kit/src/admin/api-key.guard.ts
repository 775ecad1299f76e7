import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request } from 'express';
import { SERVICE_CONFIG } from '../tokens';
import type { BaseConfig } from '../config/service-config';
import { secretMatches } from './key-match';

/**
 * Operator endpoints (mutations, dead-letter reads) need `X-API-Key` =
 * ORCHESTRATOR_API_KEY, compared in constant time; unset key: refused.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: BaseConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.ORCHESTRATOR_API_KEY;
    if (!expected) throw new ForbiddenException('ORCHESTRATOR_API_KEY is not set: operator endpoints are disabled');
    const given = context.switchToHttp().getRequest<Request>().header('x-api-key');
    if (!secretMatches(given, expected)) throw new UnauthorizedException('missing or wrong X-API-Key');
    return true;
  }
}
