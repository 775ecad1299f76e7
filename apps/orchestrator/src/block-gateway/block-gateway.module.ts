import { Module } from '@nestjs/common';
import { BlockGateway } from './block-gateway';

@Module({ providers: [BlockGateway], exports: [BlockGateway] })
export class BlockGatewayModule {}
