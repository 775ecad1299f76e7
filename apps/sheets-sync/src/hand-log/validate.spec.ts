import { SheetRowSchema } from '@pokervod/contracts';
import { FRAME_RATE_29_97 } from '@pokervod/timecode';
import { HIGH_FRAME_RATE, checkRow, keyTimecode } from './validate';

const RATES = [FRAME_RATE_29_97, HIGH_FRAME_RATE];

const row = (fields: Partial<{ file_name: string; in: string; out: string }>) =>
  SheetRowSchema.parse({ file_name: 'a.mp4', nas_folder_link: '', in: '00:01:00', out: '00:02:00', ...fields });

describe('checkRow', () => {
  it.each([
    ['a good row', {}, null],
    ['SMPTE labels', { in: '00:01:00:15', out: '00:01:00;20' }, null],
    ['seconds', { in: '60', out: '61.5' }, null],
    ['missing file name', { file_name: '' }, 'missing file name'],
    ['missing in', { in: '' }, 'missing in'],
    ['missing out', { out: '' }, 'missing out'],
    ['unparseable in', { in: '1분 20초' }, /^unparseable in "1분 20초": /],
    ['unparseable out', { out: '00:61:00' }, /^unparseable out "00:61:00": /],
    ['out before in', { in: '00:02:00', out: '00:01:00' }, 'out (00:01:00) is not after in (00:02:00)'],
    ['out equal to in', { in: '00:02:00', out: '120' }, /is not after in/],
    ['several problems at once', { file_name: '', in: 'x' }, /^missing file name; unparseable in "x"/],
    ['frame fields of 50/60 fps video', { in: '00:00:00:30', out: '00:00:02:45' }, null],
    [
      'a frame field no rate has',
      { in: '00:00:00:75' },
      /^unparseable in "00:00:00:75": frames field 75 is out of range \(00–59 at 60000\/1001\)/,
    ],
    ['high-rate labels out of order', { in: '00:00:02:45', out: '00:00:02:40' }, /is not after in/],
  ])('%s', (_name, fields, reason) => {
    const result = checkRow(row(fields), RATES);
    if (reason === null) expect(result.ok).toBe(true);
    else
      expect(result).toEqual({
        ok: false,
        reason: typeof reason === 'string' ? reason : expect.stringMatching(reason),
      });
  });

  it('reads labels at the configured rate when they fit it', () => {
    const result = checkRow(row({ in: '00:00:01:15', out: '00:00:02:00' }), RATES);
    expect(result).toMatchObject({ ok: true, inFrame: 45, inPoint: { rate: FRAME_RATE_29_97 } });
    expect(checkRow(row({ in: '00:00:01:45', out: '00:00:02:00' }), RATES)).toMatchObject({
      ok: true,
      inFrame: 105,
      inPoint: { rate: HIGH_FRAME_RATE },
    });
  });

  it('gives the frames of in and out', () => {
    expect(checkRow(row({ in: '00:00:01:00', out: '00:00:02:00' }), RATES)).toMatchObject({
      ok: true,
      inFrame: 30,
      outFrame: 60,
    });
  });
});

describe('keyTimecode', () => {
  it('is the same for one instant however it was typed', () => {
    const frame = (text: string) => {
      const r = checkRow(row({ in: text, out: '9:00:00' }), RATES);
      if (!r.ok) throw new Error(r.reason);
      return keyTimecode(r.inPoint);
    };
    expect(frame('0:12:34')).toBe('00:12:34.000');
    expect(frame('00:12:34')).toBe(frame('754'));
    expect(frame('12:34.5')).toBe(frame('00:12:34.500'));
    expect(frame('12:34,5')).toBe('00:12:34.500');
    expect(frame('0:12:34:05')).toBe('00:12:34:05');
    expect(frame('00;12;34;05')).toBe('00:12:34;05');
  });
});
