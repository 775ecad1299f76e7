import { Module } from '@nestjs/common';
import { TransactionsModule } from '../transactions/transactions.module';
import { ProjectRepository } from './project.repository';
import { ProjectsService } from './projects.service';

@Module({ imports: [TransactionsModule], providers: [ProjectRepository, ProjectsService], exports: [ProjectsService] })
export class ProjectsModule {}
