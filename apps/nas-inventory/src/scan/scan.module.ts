import { Module } from '@nestjs/common';
import { MediaProbeService } from '../probe/media-probe.service';
import { ScanHandler } from './scan.handler';
import { ScanService } from './scan.service';
import { WatchService } from '../watch/watch.service';

@Module({
  controllers: [ScanHandler],
  providers: [MediaProbeService, ScanService, WatchService],
  exports: [ScanService, MediaProbeService],
})
export class ScanModule {}
