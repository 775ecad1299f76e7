import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isTransient } from '../quota/source-errors';
import { SourceRequests } from '../quota/source-requests';
import { FileSheetSource } from './file-sheet-source';
import { parseSourceSpecs } from './source-spec';
import { quietLogger } from '@pokervod/testing';

describe('FileSheetSource', () => {
  let dir: string;
  let requests: SourceRequests;
  const source = (file: string) => {
    const [spec] = parseSourceSpecs(`file:${file}`, dir);
    if (spec?.kind !== 'file') throw new Error('not a file spec');
    return new FileSheetSource(spec, requests);
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pokervod-file-source-'));
    requests = new SourceRequests(
      'file',
      { maxAttempts: 2, baseDelayMs: 1, quotaWaitMs: 1000, timeoutMs: 5000, breakerResetMs: 1000 },
      quietLogger,
    );
  });

  afterEach(() => {
    requests.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a CSV as one tab; its change token moves when the file is rewritten', async () => {
    const file = path.join(dir, 'log.csv');
    writeFileSync(file, 'file_name,in,out\na.mp4,1,2\n');
    utimesSync(file, new Date(1_700_000_000_000), new Date(1_700_000_000_000));
    const log = source('log.csv');
    expect(log.id).toBe('file:log.csv');
    expect(await log.read()).toEqual({
      tabs: [
        {
          name: 'log',
          firstRow: 1,
          rows: [
            ['file_name', 'in', 'out'],
            ['a.mp4', '1', '2'],
          ],
        },
      ],
      unread: [],
    });
    const before = await log.changeToken();
    expect(await log.changeToken()).toBe(before);
    writeFileSync(file, 'file_name,in,out\na.mp4,1,3\n');
    utimesSync(file, new Date(1_700_000_100_000), new Date(1_700_000_100_000));
    expect(await log.changeToken()).not.toBe(before);
  });

  it('a missing file or worksheet fails for good (no retry, no removals), with the path', async () => {
    const missing = source('nope.csv');
    const error = await missing.read().catch((e: unknown) => e);
    expect(error).toMatchObject({ message: expect.stringContaining(`${path.join(dir, 'nope.csv')}: ENOENT`) });
    expect(isTransient(error)).toBe(false);
    writeFileSync(path.join(dir, 'bad.xlsx'), 'not a zip');
    await expect(source('bad.xlsx').read()).rejects.toThrow(/is not a readable XLSX file/);
  });
});
