import { isProbePath } from './probe-paths';

describe('isProbePath', () => {
  it.each(['/health', '/health/live', '/health/ready', '/health/ready?verbose=1', '/metrics', '/api/health/ready'])(
    'matches %s',
    (url) => expect(isProbePath(url)).toBe(true),
  );

  it.each([undefined, '', '/', '/api/videos', '/healthy', '/metrics-report', '/health/ready/extra/x'])(
    'does not match %s',
    (url) => expect(isProbePath(url)).toBe(false),
  );
});
