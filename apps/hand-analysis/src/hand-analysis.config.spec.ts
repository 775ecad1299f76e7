import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '@pokervod/service-kit';
import { handsConfigSchema } from './hand-analysis.config';

const load = (env: Record<string, string>) => loadConfig('hand-analysis', handsConfigSchema, env);

describe('hand-analysis configuration', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hands-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has defaults: 29.97 fps, 30-minute clips, no taxonomy file, port 3103', () => {
    const config = load({});
    expect(config).toMatchObject({
      HANDS_DEFAULT_FRAME_RATE: { num: 30000, den: 1001 },
      HANDS_MAX_CLIP_SECONDS: 1800,
      HANDS_ANALYSIS_BATCH_SIZE: 500,
      PORT: 3103,
    });
    expect(config.HANDS_TAXONOMY_FILE).toBeUndefined();
  });

  it.each([
    ['25', { num: 25, den: 1 }],
    ['59.94', { num: 60000, den: 1001 }],
    ['24000/1001', { num: 24000, den: 1001 }],
    ['19001/317', { num: 60000, den: 1001 }],
    ['2997/100', { num: 30000, den: 1001 }],
    ['12', { num: 12, den: 1 }],
  ])('reads frame rate %j', (value, rate) => {
    expect(load({ HANDS_DEFAULT_FRAME_RATE: value }).HANDS_DEFAULT_FRAME_RATE).toEqual(rate);
  });

  it.each([
    [{ HANDS_DEFAULT_FRAME_RATE: 'fast' }, /HANDS_DEFAULT_FRAME_RATE: not a frame rate: invalid frame rate "fast"/],
    [{ HANDS_MAX_CLIP_SECONDS: '-5' }, /HANDS_MAX_CLIP_SECONDS: /],
    [{ HANDS_TAXONOMY_FILE: '/nonexistent/taxonomy.yaml' }, /HANDS_TAXONOMY_FILE: ENOENT/],
  ])('stops on %j with a clear message', (env, message) => {
    expect(() => load(env)).toThrow(ConfigError);
    expect(() => load(env)).toThrow(message);
  });

  it('checks the taxonomy file at start', () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'tags:\n  - {name: brag, category: action, synonyms: [cooler]}\n');
    expect(() => load({ HANDS_TAXONOMY_FILE: bad })).toThrow(
      `HANDS_TAXONOMY_FILE: ${bad}: taxonomy: "cooler" would mean both "cooler" and "brag"`,
    );
  });

  it('accepts the shipped example taxonomy', () => {
    const example = path.join(__dirname, '..', 'taxonomy.example.yaml');
    expect(load({ HANDS_TAXONOMY_FILE: example }).HANDS_TAXONOMY_FILE).toBe(example);
  });
});
