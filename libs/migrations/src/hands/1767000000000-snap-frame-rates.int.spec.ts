import { Client } from 'pg';
import { runMigrations } from '@pokervod/persistence';
import { createTestDatabase, type TestDatabase } from '@pokervod/testing';
import { STANDARD_FRAME_RATES, snapFrameRate } from '@pokervod/timecode';
import { handsMigrations } from './index';
import { HandsSnapFrameRates1767000000000 } from './1767000000000-snap-frame-rates';

jest.setTimeout(60_000);

const before = handsMigrations.filter((migration) => migration !== HandsSnapFrameRates1767000000000);

/** Rates block C may have stored before rates were snapped: [num, den]. */
const STORED: [number, number][] = [
  [19001, 317], // 59.94 MKV (ms timestamps)
  [2997, 100], // 29.97 written as a 2-decimal number
  [2398, 100], // 23.98
  [5994, 100],
  [119_880, 2000], // 59.94, unreduced
  [24_995, 1000], // 24.995: within 0.04 % of 25
  [50_015, 1000], // 50.015: within 0.04 % of 50
  [47_950, 1000], // 47.95: near 48000/1001
  [60000, 1001], // already standard
  [25, 1],
  [30, 1],
  [12, 1], // no standard rate near: kept
  [15, 1],
  [5997, 200], // 29.985, halfway between 29.97 and 30: kept, not guessed
  [2506, 100], // 25.06: 0.24 % off 25, kept
  [120, 1],
];

describe('HandsSnapFrameRates1767000000000 (real Postgres)', () => {
  let db: TestDatabase;
  let pg: Client;
  const query = async (sql: string, params: unknown[] = []) => (await pg.query(sql, params)).rows;

  beforeEach(async () => {
    db = await createTestDatabase('migrations-hands-rates');
    expect(await runMigrations({ url: db.url, plan: [{ schema: 'hands', migrations: before }] })).toMatchObject({
      ok: true,
    });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });

  afterEach(async () => {
    await pg?.end();
    await db?.drop();
  });

  const migrate = async () => {
    const result = await runMigrations({ url: db.url, plan: [{ schema: 'hands', migrations: handsMigrations }] });
    expect(result).toMatchObject({
      ok: true,
      applied: [{ schema: 'hands', name: 'HandsSnapFrameRates1767000000000' }],
    });
  };
  const past = `'2020-01-01T00:00:00Z'`;

  it('snaps the 59.94 MKV rate on videos and clips, leaving their other fields alone', async () => {
    await query(
      `INSERT INTO hands.videos (video_file_id, duration_s, rate_num, rate_den, updated_at)
       VALUES ('mkv', 3600, 19001, 317, ${past}), ('unprobed', NULL, NULL, NULL, ${past})`,
    );
    const [{ id }] = await query(
      `INSERT INTO hands.clips (video_file_id, in_text, out_text, in_frame, out_frame, rate_num, rate_den,
         status, reasons, updated_at)
       VALUES ('mkv', '01:02:03;04', '01:02:33;00', NULL, NULL, 19001, 317, 'invalid', '{"in: drop-frame"}', ${past})
       RETURNING id`,
    );

    await migrate();

    expect(await query(`SELECT video_file_id, duration_s, rate_num, rate_den FROM hands.videos ORDER BY 1`)).toEqual([
      { video_file_id: 'mkv', duration_s: 3600, rate_num: 60000, rate_den: 1001 },
      { video_file_id: 'unprobed', duration_s: null, rate_num: null, rate_den: null },
    ]);
    const [clip] = await query(`SELECT * FROM hands.clips WHERE id = $1`, [id]);
    expect(clip).toMatchObject({
      rate_num: 60000,
      rate_den: 1001,
      in_text: '01:02:03;04',
      out_text: '01:02:33;00',
      status: 'invalid',
      reasons: ['in: drop-frame'],
    });
    expect(clip.updated_at.getTime()).toBeGreaterThan(Date.parse('2020-01-02'));
    const [unprobed] = await query(`SELECT updated_at FROM hands.videos WHERE video_file_id = 'unprobed'`);
    expect(unprobed.updated_at.toISOString()).toBe('2020-01-01T00:00:00.000Z');
  });

  it('gives every stored rate the rate snapFrameRate gives it, touching only the rows it changes', async () => {
    for (const [index, [num, den]] of STORED.entries()) {
      await query(
        `INSERT INTO hands.videos (video_file_id, rate_num, rate_den, updated_at) VALUES ($1, $2, $3, ${past})`,
        [`v${index}`, num, den],
      );
      await query(
        `INSERT INTO hands.clips (video_file_id, in_text, out_text, rate_num, rate_den, status, updated_at)
         VALUES ($1, '1', '2', $2, $3, 'valid', ${past})`,
        [`v${index}`, num, den],
      );
    }

    await migrate();

    for (const table of ['hands.videos', 'hands.clips']) {
      const rows = await query(`SELECT video_file_id, rate_num, rate_den, updated_at FROM ${table}`);
      const byVideo = new Map(rows.map((row) => [row.video_file_id, row]));
      for (const [index, [num, den]] of STORED.entries()) {
        const row = byVideo.get(`v${index}`);
        const snapped = snapFrameRate({ num, den })!;
        // A rate near no standard one is left as stored (the library would only reduce it).
        const isStandard = STANDARD_FRAME_RATES.some((rate) => rate.num === snapped.num && rate.den === snapped.den);
        const expected = isStandard ? snapped : { num, den };
        expect({ rate: `${row.rate_num}/${row.rate_den}`, of: `${num}/${den}`, table }).toEqual({
          rate: `${expected.num}/${expected.den}`,
          of: `${num}/${den}`,
          table,
        });
        expect({ touched: row.updated_at.getTime() > Date.parse('2020-01-02'), of: `${num}/${den}`, table }).toEqual({
          touched: expected.num !== num || expected.den !== den,
          of: `${num}/${den}`,
          table,
        });
      }
    }
  });
});
