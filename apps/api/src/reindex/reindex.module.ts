import { Module } from '@nestjs/common';
import { ReadModelModule } from '../read-model/read-model.module';
import { ReindexController } from './reindex.controller';
import { ReindexRepository } from './reindex.repository';
import { ReindexService } from './reindex.service';

@Module({
  imports: [ReadModelModule],
  controllers: [ReindexController],
  providers: [ReindexRepository, ReindexService],
})
export class ReindexModule {}
