import { isHealthPath } from './health-paths';

describe('isHealthPath', () => {
  it.each(['/health', '/health/live', '/health/ready', '/health/ready?verbose=1', '/metrics', '/api/health/ready'])(
    'matches %s',
    (url) => expect(isHealthPath(url)).toBe(true),
  );

  it.each([undefined, '', '/', '/api/videos', '/healthy', '/metrics-report', '/health/ready/extra/x'])(
    'does not match %s',
    (url) => expect(isHealthPath(url)).toBe(false),
  );
});
