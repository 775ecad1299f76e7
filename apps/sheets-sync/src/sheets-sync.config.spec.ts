import { ConfigError, POKERVOD_HOME, loadConfig } from '@pokervod/service-kit';
import { FRAME_RATE_29_97 } from '@pokervod/timecode';
import { parseSourceSpecs } from './sources/source-spec';
import { DEFAULT_SHEETS_SOURCES, sheetsConfigSchema } from './sheets-sync.config';

const load = (env: Record<string, string> = {}) => loadConfig('sheets-sync', sheetsConfigSchema, env);

describe('sheets-sync configuration', () => {
  it('defaults to the sample hand log and policy D', () => {
    const config = load();
    expect(config.SHEETS_SOURCES).toBe(DEFAULT_SHEETS_SOURCES);
    expect(parseSourceSpecs(config.SHEETS_SOURCES, POKERVOD_HOME)[0]).toMatchObject({
      id: 'file:samples/hand-log/hand-log.csv',
      format: 'csv',
    });
    expect(config).toMatchObject({
      SHEETS_POLL_SECONDS: 30,
      SHEETS_READS_PER_MINUTE: 60,
      SHEETS_RETRY_BASE_MS: 10_000,
      SHEETS_RETRY_MAX_ATTEMPTS: 5,
      SHEETS_HEADER_ALIASES: {},
      SHEETS_TIMECODE_RATE: FRAME_RATE_29_97,
      PORT: 3104,
    });
    expect(config.SHEETS_WEBHOOK_SECRET).toBeUndefined();
  });

  it('reads header aliases as JSON', () => {
    expect(load({ SHEETS_HEADER_ALIASES: '{"file_name":["영상 제목"]}' }).SHEETS_HEADER_ALIASES).toEqual({
      file_name: ['영상 제목'],
    });
  });

  it.each([
    [{ SHEETS_SOURCES: 'sheets:abc' }, /SHEETS_SOURCES: "sheets:abc": expected google:/],
    [
      { SHEETS_SOURCES: 'google:abc' },
      /GOOGLE_APPLICATION_CREDENTIALS: Google sources need a service-account key file/,
    ],
    [{ SHEETS_HEADER_ALIASES: '{"file":["x"]}' }, /SHEETS_HEADER_ALIASES: must be JSON like/],
    [{ SHEETS_HEADER_ALIASES: 'nope' }, /SHEETS_HEADER_ALIASES/],
    [{ SHEETS_WEBHOOK_SECRET: 'short' }, /SHEETS_WEBHOOK_SECRET: must be at least 16 characters/],
    [{ SHEETS_TIMECODE_RATE: 'fast' }, /SHEETS_TIMECODE_RATE: invalid frame rate/],
    [{ GOOGLE_API_ROOT_URL: 'ftp://x' }, /GOOGLE_API_ROOT_URL/],
  ])('refuses %j with a clear message', (env, message) => {
    let error: unknown;
    try {
      load(env as Record<string, string>);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
  });

  it('never echoes the webhook secret in an error', () => {
    const secret = 'supersecret-value-0123456789';
    try {
      load({ SHEETS_WEBHOOK_SECRET: secret, SHEETS_POLL_SECONDS: '-1' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as Error).message).toMatch(/SHEETS_POLL_SECONDS/);
      expect((error as Error).message).not.toContain(secret);
    }
  });
});
