import { RETRY_POLICIES } from '@pokervod/resilience';
import { fileNameKeys, rowNameKeys, rowRetryDelayMs } from './row-keys';

const meets = (a: string[], b: string[]) => a.some((k) => b.includes(k));

describe('row name keys', () => {
  it.each([
    // [file name column, folder link, file path on the NAS]
    [
      'Part 1.mp4',
      '\\\\nas\\poker\\WSOP\\2023\\Event 43 - $50K PPC\\Day 2',
      'WSOP/2023/Event 43 - $50K PPC/Day 2/Part 1.mp4',
    ],
    ['part 1', '/volume1/poker/WSOP/2023/Day 2', 'WSOP/2023/Day 2/Part 1.MP4'],
    ['', 'smb://nas/poker/Triton/2024/Triton%20Montenegro%20Ep%201.mp4', 'Triton/2024/Triton Montenegro Ep 1.mp4'],
    ['Day1/Hand 3.mov', 'Z:\\HCL\\2024', 'HCL/2024/Day1/Hand 3.mov'],
    ['WSOP 2023 Ev.43.mkv', 'file:///mnt/poker/WSOP', 'WSOP/WSOP 2023 Ev.43.mkv'],
    ['WSOP 2023 Ev.43', '', 'WSOP/WSOP 2023 Ev.43.mkv'],
  ])('a row naming %j in %j meets the file %j', (fileName, link, path) => {
    expect(meets(rowNameKeys(fileName, link), fileNameKeys(path))).toBe(true);
  });

  it('compares Korean names stored in NFD with names typed in NFC', () => {
    const nfd = '포커 하이라이트 1화.mp4'.normalize('NFD');
    expect(meets(rowNameKeys('포커 하이라이트 1화.mp4', '/poker/KR'), fileNameKeys(`KR/${nfd}`))).toBe(true);
  });

  it('does not meet a file of another name', () => {
    expect(meets(rowNameKeys('Part 1.mp4', '/poker/WSOP/Day 2'), fileNameKeys('WSOP/Day 2/Part 2.mp4'))).toBe(false);
  });

  it('gives no keys for empty cells', () => {
    expect(rowNameKeys('', '')).toEqual([]);
  });
});

describe('rowRetryDelayMs', () => {
  it('follows the failing block policy without its attempt limit, capped at a minute', () => {
    expect([1, 2, 3, 4, 5].map((n) => rowRetryDelayMs(RETRY_POLICIES.A, n))).toEqual([
      5000, 10000, 20000, 40000, 60000,
    ]);
    expect([1, 2, 9].map((n) => rowRetryDelayMs(RETRY_POLICIES.C, n))).toEqual([2000, 2000, 2000]);
    expect(rowRetryDelayMs(RETRY_POLICIES.D, 30)).toBe(60000);
  });

  it('scales for tests', () => {
    expect(rowRetryDelayMs(RETRY_POLICIES.B, 2, 0.001)).toBe(10);
  });
});
