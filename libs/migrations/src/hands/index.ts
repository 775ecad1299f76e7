import { messagingTablesMigration, type MigrationClass } from '@pokervod/persistence';
import { HandClips1763000000000 } from './1763000000000-hand-clips';
import { HandsSnapFrameRates1767000000000 } from './1767000000000-snap-frame-rates';

/** Schema `hands`, in the order they were written (TypeORM runs them by timestamp). */
export const handsMigrations: MigrationClass[] = [
  messagingTablesMigration('hands'),
  HandClips1763000000000,
  HandsSnapFrameRates1767000000000,
];
