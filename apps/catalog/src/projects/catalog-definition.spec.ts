import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BUILTIN_PROJECTS } from './builtin-projects';
import {
  CatalogDefinitionError,
  mergeDefinitions,
  parseCatalogDefinition,
  readCatalogDefinition,
} from './catalog-definition';

const problemsOf = (text: string): string[] => {
  try {
    parseCatalogDefinition(text, 'catalog.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogDefinitionError);
    return (error as CatalogDefinitionError).problems;
  }
  throw new Error('expected the definition to be refused');
};

describe('parseCatalogDefinition', () => {
  it('reads YAML projects with aliases, codes in upper case', () => {
    const projects = parseCatalogDefinition(
      `projects:
  - code: gps
    name: Global Poker Series
    aliases: [global poker series, 글로벌포커, global poker series]
  - code: WSOP
    name: World Series of Poker
`,
      'catalog.yaml',
    );
    expect(projects).toEqual([
      { code: 'GPS', name: 'Global Poker Series', aliases: ['global poker series', '글로벌포커'] },
      { code: 'WSOP', name: 'World Series of Poker', aliases: [] },
    ]);
  });

  it('reads JSON too', () => {
    expect(parseCatalogDefinition('{"projects": [{"code": "KPT", "name": "Korea Poker Tour"}]}', 'c.json')).toEqual([
      { code: 'KPT', name: 'Korea Poker Tour', aliases: [] },
    ]);
  });

  it('names every problem with its place in the file', () => {
    expect(
      problemsOf(`projects:
  - code: GPS
    name: ""
  - code: "bad code!"
    name: X
    alias: [typo]
  - code: gps
    name: Again
`),
    ).toEqual([
      'projects[0].name: Too small: expected string to have >=1 characters',
      'projects[1].code: letters, digits, _ and - only',
      'projects[1]: Unrecognized key: "alias"',
      'projects[2].code: GPS is already defined by projects[0]',
    ]);
  });

  it('refuses an empty file, a file without projects and broken YAML with a clear message', () => {
    expect(problemsOf('')).toEqual(['the file is empty; expected a mapping with a "projects" list']);
    expect(problemsOf('project: []')[0]).toMatch(/^\(file\)|^projects: /);
    expect(problemsOf('projects: [ {code: A, name: B')[0]).toMatch(/^not valid YAML or JSON: /);
  });

  it('says which file could not be read', () => {
    expect(() => readCatalogDefinition('/nonexistent/catalog.yaml')).toThrow(
      /catalog definition \/nonexistent\/catalog.yaml is invalid:\n {2}- cannot be read: ENOENT/,
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'catalog-def-'));
    writeFileSync(path.join(dir, 'ok.yaml'), 'projects:\n  - {code: X1, name: X One}\n');
    expect(readCatalogDefinition(path.join(dir, 'ok.yaml'))).toEqual([{ code: 'X1', name: 'X One', aliases: [] }]);
  });
});

describe('mergeDefinitions', () => {
  it('keeps every built-in brand and lets the file rename one and add aliases', () => {
    const merged = mergeDefinitions([
      { code: 'WSOP', name: 'World Series of Poker', aliases: ['월드 시리즈'] },
      { code: 'GPS', name: 'Global Poker Series', aliases: ['gps'] },
    ]);
    expect(merged.map((p) => p.code)).toEqual([...BUILTIN_PROJECTS.map((p) => p.code), 'GPS']);
    const wsop = merged.find((p) => p.code === 'WSOP')!;
    expect(wsop).toMatchObject({ name: 'World Series of Poker', source: 'file' });
    expect(wsop.aliases).toEqual(expect.arrayContaining(['world series of poker', '월드 시리즈']));
    expect(merged.find((p) => p.code === 'EPT')).toMatchObject({ name: 'EPT', source: 'builtin' });
  });

  it('covers every brand of the ParsedMetadata contract', () => {
    const codes = BUILTIN_PROJECTS.map((p) => p.code);
    for (const code of [
      'WSOP',
      'WSOPE',
      'WSOPP',
      'WPT',
      'EPT',
      'APT',
      'TRITON',
      'HCL',
      'HSP',
      'PAD',
      'SHRB',
      'PGT',
      'NAPT',
      'GGM',
    ])
      expect(codes).toContain(code);
  });
});
