import { Module } from '@nestjs/common';
import { InventoryRepository } from './inventory.repository';

/** The inventory tables (files, scans), read and written by the scan, the probe, the match and the snapshots. */
@Module({ providers: [InventoryRepository], exports: [InventoryRepository] })
export class InventoryModule {}
