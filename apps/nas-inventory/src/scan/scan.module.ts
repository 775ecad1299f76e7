import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module';
import { ProbeModule } from '../probe/probe.module';
import { WatchService } from '../watch/watch.service';
import { ScanHandler } from './scan.handler';
import { ScanService } from './scan.service';

@Module({
  imports: [InventoryModule, ProbeModule],
  controllers: [ScanHandler],
  providers: [ScanService, WatchService],
  exports: [ScanService],
})
export class ScanModule {}
