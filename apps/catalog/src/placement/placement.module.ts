import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { TransactionsModule } from '../transactions/transactions.module';
import { UpdatesModule } from '../updates/updates.module';
import { FileEventsHandler } from './file-events.handler';
import { PlacementService } from './placement.service';
import { TreeRepository } from './tree.repository';

@Module({
  controllers: [FileEventsHandler],
  imports: [ProjectsModule, UpdatesModule, TransactionsModule],
  providers: [TreeRepository, PlacementService],
  exports: [TreeRepository, PlacementService],
})
export class PlacementModule {}
