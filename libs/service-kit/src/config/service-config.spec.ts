import { baseConfigSchema, ConfigError, loadConfig } from './service-config';

describe('loadConfig', () => {
  it('applies the shared defaults and the app port', () => {
    const config = loadConfig('catalog', baseConfigSchema, {});
    expect(config).toMatchObject({
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/pokervod',
      LOG_LEVEL: 'info',
      PORT: 3102,
    });
    expect(config.NAS_ROOTS).toMatch(/samples\/nas$/);
    expect(config.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
  });

  it('coerces numbers and treats empty strings as unset', () => {
    const config = loadConfig('api', baseConfigSchema, { PORT: '4000', AMQP_PREFETCH: '5', LOG_LEVEL: '' });
    expect(config.PORT).toBe(4000);
    expect(config.AMQP_PREFETCH).toBe(5);
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('names every bad variable without echoing secret values', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig('api', baseConfigSchema, {
        AMQP_URL: 'http://nope',
        PORT: 'eighty',
        ORCHESTRATOR_API_KEY: 'short-secret',
      });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.problems).toEqual([
      'AMQP_URL: must be a amqp: or amqps: URL',
      'ORCHESTRATOR_API_KEY: must be at least 16 characters',
      'PORT: Invalid input: expected number, received NaN',
    ]);
    expect(error?.message).not.toContain('short-secret');
  });
});
