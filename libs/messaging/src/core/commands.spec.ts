import { appVersion } from './commands';

describe('appVersion (what system.ping reports)', () => {
  it("prefers the image's POKERVOD_VERSION over npm's package version", () => {
    expect(appVersion({ POKERVOD_VERSION: '0.2.0', npm_package_version: '0.0.0' })).toBe('0.2.0');
  });

  it("falls back to npm's package version, then 0.0.0", () => {
    expect(appVersion({ npm_package_version: '1.4.0' })).toBe('1.4.0');
    expect(appVersion({ POKERVOD_VERSION: '' })).toBe('0.0.0');
  });
});
