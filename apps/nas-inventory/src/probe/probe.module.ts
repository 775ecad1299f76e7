import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module';
import { MediaProbeService } from './media-probe.service';

/** Reads each video's duration and frame rate (mediainfo) and stores it with the file. */
@Module({ imports: [InventoryModule], providers: [MediaProbeService], exports: [MediaProbeService] })
export class ProbeModule {}
