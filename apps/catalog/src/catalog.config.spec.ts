import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '@pokervod/service-kit';
import { catalogConfigSchema } from './catalog.config';

describe('catalog configuration', () => {
  it('has defaults for matching and the catalog.updated debounce', () => {
    expect(loadConfig('catalog', catalogConfigSchema, {})).toMatchObject({
      PORT: 3102,
      CATALOG_MATCH_THRESHOLD: 0.4,
      CATALOG_MATCH_MARGIN: 0.05,
      CATALOG_UPDATED_DEBOUNCE_MS: 2000,
    });
  });

  it('refuses bad values with one clear message', () => {
    expect(() => loadConfig('catalog', catalogConfigSchema, { CATALOG_MATCH_THRESHOLD: '2' })).toThrow(ConfigError);
    expect(() => loadConfig('catalog', catalogConfigSchema, { CATALOG_UPDATED_DEBOUNCE_MS: 'soon' })).toThrow(
      /CATALOG_UPDATED_DEBOUNCE_MS/,
    );
  });

  it('reads the definition file at start: a bad one stops the app naming the file and the problem', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'catalog-config-'));
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'projects:\n  - code: GPS\n');
    expect(() => loadConfig('catalog', catalogConfigSchema, { CATALOG_FILE: bad })).toThrow(
      `catalog: invalid configuration:\n  - CATALOG_FILE: catalog definition ${bad} is invalid:\n  - projects[0].name:`,
    );
    const good = path.join(dir, 'good.yaml');
    writeFileSync(good, 'projects:\n  - code: GPS\n    name: Global Poker Series\n');
    expect(loadConfig('catalog', catalogConfigSchema, { CATALOG_FILE: good }).CATALOG_FILE).toBe(good);
  });
});
