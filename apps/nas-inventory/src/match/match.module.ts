import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module';
import { FileMatchHandler } from './file-match.handler';
import { FileMatchService } from './file-match.service';

@Module({ imports: [InventoryModule], controllers: [FileMatchHandler], providers: [FileMatchService] })
export class MatchModule {}
