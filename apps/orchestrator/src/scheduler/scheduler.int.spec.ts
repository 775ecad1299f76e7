import { createTestDatabase, quietLogger, terminateBackends, TestDatabase, waitFor } from '@pokervod/testing';
import { AdvisoryLeadership } from '@pokervod/persistence';
import { SCHEDULER_LOCK_KEY } from './scheduler.service';
import { SyncSchedule } from './sync-schedule';

const everySecond = {
  SCHEDULE_FULL_SYNC: '* * * * * *',
  SCHEDULE_SHEETS_SYNC: 'off',
  SCHEDULE_NAS_SCAN: 'off',
  SCHEDULE_TIMEZONE: 'Asia/Seoul',
};

/** One orchestrator replica's scheduler: a schedule that counts its firings, run only while leading. */
function replica(db: TestDatabase, name: string) {
  const fired: number[] = [];
  const schedule = new SyncSchedule(everySecond, async () => void fired.push(Date.now()));
  const leadership = new AdvisoryLeadership({
    databaseUrl: db.url,
    lockKey: SCHEDULER_LOCK_KEY,
    retryMs: 100,
    logger: quietLogger,
    role: 'runs the schedule',
    applicationName: name,
    onChange: (leading) => (leading ? schedule.start() : schedule.stop()),
  });
  return { fired, schedule, leadership };
}

describe('scheduler with two orchestrator replicas', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sched');
  });
  afterAll(() => db.drop());

  it('fires each scheduled job once, on the leader, and hands over when the leader dies', async () => {
    const a = replica(db, 'sched-a');
    const b = replica(db, 'sched-b');
    await a.leadership.start();
    await b.leadership.start();
    const onePerTick = () => {
      const all = [...a.fired, ...b.fired].sort((x, y) => x - y);
      const gaps = all.slice(1).map((t, i) => t - all[i]!);
      return { count: all.length, minGap: Math.min(...gaps) };
    };
    try {
      expect([a.leadership.isLeader, b.leadership.isLeader]).toEqual([true, false]);
      await new Promise((r) => setTimeout(r, 3200));
      expect(a.fired.length).toBeGreaterThanOrEqual(2);
      expect(a.fired.length).toBeLessThanOrEqual(4);
      expect(b.fired).toEqual([]);

      // The leader's database session is killed: its lock goes with it, and one replica (either) leads again.
      expect(await terminateBackends(db.url, 'sched-a')).toBe(1);
      await waitFor(() => a.leadership.isLeader !== b.leadership.isLeader, {
        timeoutMs: 3000,
        description: 'one leader',
      });
      await new Promise((r) => setTimeout(r, 2200));
      expect(a.leadership.isLeader && b.leadership.isLeader).toBe(false);
      // Across both replicas: still one firing per tick, never two.
      expect(onePerTick().minGap).toBeGreaterThan(800);

      // The leader's process ends for good: the other replica takes over.
      const [leader, other] = a.leadership.isLeader ? [a, b] : [b, a];
      await leader.leadership.stop();
      await waitFor(() => other.leadership.isLeader, { timeoutMs: 3000, description: 'takeover' });
      const before = other.fired.length;
      await new Promise((r) => setTimeout(r, 2200));
      expect(other.fired.length).toBeGreaterThan(before);
      expect(onePerTick().minGap).toBeGreaterThan(800);
    } finally {
      await a.leadership.stop();
      await b.leadership.stop();
    }
  });

  it('says when each job fires next, in its time zone, and leaves out jobs set to "off"', () => {
    const schedule = new SyncSchedule(
      {
        SCHEDULE_FULL_SYNC: '0 3 * * *',
        SCHEDULE_SHEETS_SYNC: '*/5 * * * *',
        SCHEDULE_NAS_SCAN: 'off',
        SCHEDULE_TIMEZONE: 'Asia/Seoul',
      },
      async () => undefined,
    );
    const jobs = schedule.describe();
    expect(jobs.map((j) => j.name)).toEqual(['full_sync', 'sheets_sync']);
    const full = new Date(jobs[0]!.next_run!);
    expect(full.getUTCHours()).toBe(18); // 03:00 in Seoul is 18:00 UTC
    expect(full.getUTCMinutes()).toBe(0);
    expect(full.getTime()).toBeGreaterThan(Date.now());
    expect(full.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    expect(schedule.nextRun()).toBe(jobs[1]!.next_run); // every 5 minutes comes first
  });

  it('refuses a bad cron expression at start-up', () => {
    expect(
      () => new SyncSchedule({ ...everySecond, SCHEDULE_FULL_SYNC: '61 * * * *' }, async () => undefined),
    ).toThrow();
  });
});
