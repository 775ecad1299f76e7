import { DynamicModule, Module } from '@nestjs/common';
import { migrationsFor } from '@pokervod/migrations';
import { ServiceKitModule } from '@pokervod/service-kit';
import { AnalysisModule } from './analysis/analysis.module';
import { ClipsModule } from './clips/clips.module';
import type { HandsConfig } from './hand-analysis.config';
import { TagsModule } from './tags/tags.module';
import { VideosModule } from './videos/videos.module';
import { SnapshotModule } from './snapshot/snapshot.module';

@Module({})
export class AppModule {
  static register(config: HandsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ app: 'hand-analysis', migrations: migrationsFor('hands') }, config),
        TagsModule,
        VideosModule,
        ClipsModule,
        AnalysisModule,
        SnapshotModule,
      ],
    };
  }
}
