import { Module } from '@nestjs/common';
import { OrchestratorProxyController } from './orchestrator-proxy.controller';
import { OrchestratorProxy } from './orchestrator-proxy.service';

@Module({ controllers: [OrchestratorProxyController], providers: [OrchestratorProxy] })
export class OrchestratorProxyModule {}
