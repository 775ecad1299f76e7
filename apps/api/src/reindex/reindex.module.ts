import { Module } from '@nestjs/common';
import { ReadModelModule } from '../read-model/read-model.module';
import { ReindexController } from './reindex.controller';
import { ReindexService } from './reindex.service';

@Module({ imports: [ReadModelModule], controllers: [ReindexController], providers: [ReindexService] })
export class ReindexModule {}
