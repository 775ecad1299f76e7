import { Module } from '@nestjs/common';
import { TransactionsModule } from '../transactions/transactions.module';
import { ProjectsService } from './projects.service';

@Module({ imports: [TransactionsModule], providers: [ProjectsService], exports: [ProjectsService] })
export class ProjectsModule {}
