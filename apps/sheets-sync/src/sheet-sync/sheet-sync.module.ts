import { Module } from '@nestjs/common';
import { SheetSyncHandler } from './sheet-sync.handler';

@Module({ providers: [SheetSyncHandler] })
export class SheetSyncModule {}
