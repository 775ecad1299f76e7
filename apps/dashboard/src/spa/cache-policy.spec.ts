import { IMMUTABLE, REVALIDATE, assetPathOf, cacheControlFor, contentTypeFor, isClientRoute } from './cache-policy';

describe('cacheControlFor', () => {
  it('makes content-hashed assets immutable and everything else revalidated', () => {
    expect(cacheControlFor('assets/index-B4x9_kQz.js')).toBe(IMMUTABLE);
    expect(cacheControlFor('assets/index-Cq1aZ0-x.css')).toBe(IMMUTABLE);
    expect(cacheControlFor('index.html')).toBe(REVALIDATE);
    expect(cacheControlFor('favicon.svg')).toBe(REVALIDATE);
    // No hash in the name: it may change under the same name.
    expect(cacheControlFor('assets/logo.svg')).toBe(REVALIDATE);
  });
});

describe('assetPathOf', () => {
  it('maps URL paths to files under the root', () => {
    expect(assetPathOf('/')).toBe('index.html');
    expect(assetPathOf('/assets/index-abc12345.js')).toBe('assets/index-abc12345.js');
    expect(assetPathOf('/%ED%95%B8%EB%93%9C')).toBe('핸드');
  });

  it('never leaves the root', () => {
    for (const bad of [
      '/../etc/passwd',
      '/assets/../../secret',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/a%00b',
      '/a\\..\\b',
      '/%E0%A4%A',
    ])
      expect(assetPathOf(bad)).toBeNull();
    expect(assetPathOf('/.env')).toBeNull();
    expect(assetPathOf('/assets/.hidden')).toBeNull();
  });
});

describe('isClientRoute', () => {
  it('treats extension-less paths as routes and file names as files', () => {
    expect(isClientRoute('/clips/42')).toBe(true);
    expect(isClientRoute('/catalog/WSOP/2023')).toBe(true);
    expect(isClientRoute('/search')).toBe(true);
    expect(isClientRoute('/assets/old-abcdef12.js')).toBe(false);
    expect(isClientRoute('/favicon.ico')).toBe(false);
  });
});

describe('contentTypeFor', () => {
  it('names the types the build produces', () => {
    expect(contentTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('assets/a.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('assets/a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});
