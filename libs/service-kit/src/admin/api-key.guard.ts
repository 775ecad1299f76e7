import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { SERVICE_CONFIG } from '../tokens';
import type { BaseConfig } from '../config/service-config';

/** Mutating operator endpoints need `X-API-Key` = ORCHESTRATOR_API_KEY; unset key: refused. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: BaseConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.ORCHESTRATOR_API_KEY;
    if (!expected) throw new ForbiddenException('ORCHESTRATOR_API_KEY is not set: mutating endpoints are disabled');
    const given = context.switchToHttp().getRequest<Request>().header('x-api-key') ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(expected);
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw new UnauthorizedException('missing or wrong X-API-Key');
    return true;
  }
}
