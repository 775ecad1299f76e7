import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The standard rates and the tolerance of `snapFrameRate` (libs/timecode) as
 * they were when this was written, copied so the migration never changes
 * with the library: 23.976, 24, 25, 29.97, 30, 47.952, 48, 50, 59.94, 60.
 * The windows (±0.04 %) are disjoint, so a rate is near one standard at most.
 */
const STANDARD_RATES = `(VALUES (24000, 1001), (24, 1), (25, 1), (30000, 1001), (30, 1),
                                (48000, 1001), (48, 1), (50, 1), (60000, 1001), (60, 1)) AS standard (num, den)`;
const TOLERANCE = '0.0004';

/** `UPDATE` of one table's `rate_num`/`rate_den` to the standard rate it is near, when it is not that already. */
const snapRates = (table: string) =>
  `UPDATE ${table} AS t
      SET rate_num = standard.num, rate_den = standard.den, updated_at = now()
     FROM ${STANDARD_RATES}
    WHERE t.rate_num > 0 AND t.rate_den > 0
      -- NULLIF: Postgres may test the conditions in any order, so the guard above does not shield the division.
      AND abs(t.rate_num::numeric / NULLIF(t.rate_den, 0) - standard.num::numeric / standard.den)
          <= ${TOLERANCE} * standard.num::numeric / standard.den
      AND (t.rate_num, t.rate_den) <> (standard.num, standard.den)`;

/**
 * Block C stored probed frame rates as the container reported them, e.g.
 * `19001/317` for a 59.94 fps MKV (Matroska's millisecond timestamps), at
 * which drop-frame labels are refused. This snaps the rates already in
 * `hands.videos` and `hands.clips` to the exact standard fraction, as new
 * ones are snapped before they are stored.
 *
 * - The raw rate is lost here: neither table has a column for it, and block
 *   C only needs the rate it counts frames at. The NAS block's media summary
 *   keeps it (`frame_rate_raw`).
 * - A clip's frames stay as they were counted; the next analysis of the clip
 *   (phase 3 of a full sync, or any change to its row) reads its in/out texts
 *   again at the snapped rate, which also accepts its drop-frame labels.
 * - Not reversible (the raw rates are gone): `down` leaves the rates snapped.
 */
export class HandsSnapFrameRates1767000000000 implements MigrationInterface {
  name = 'HandsSnapFrameRates1767000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(snapRates('hands.videos'));
    await queryRunner.query(snapRates('hands.clips'));
  }

  async down(): Promise<void> {
    // Nothing to undo: a snapped rate is the rate the video has.
  }
}
