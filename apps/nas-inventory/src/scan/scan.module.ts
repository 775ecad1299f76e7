import { Module } from '@nestjs/common';
import { ScanHandler } from './scan.handler';

@Module({ providers: [ScanHandler] })
export class ScanModule {}
