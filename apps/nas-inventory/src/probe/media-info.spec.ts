import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MediaSummarySchema } from '@pokervod/contracts';
import { mediaInfoFromMediaInfoLib, mediaSummaryOf } from './media-info';

/**
 * MediaInfoLib's reports as probeMedia gets them (mediainfo.js 0.3.8,
 * `format: 'object'`), captured from samples/nas (scripts/make-sample-nas.sh)
 * and, for the 59.94 MKV and the M4A, from files made with ffmpeg.
 */
function fixture(name: string): unknown {
  return JSON.parse(readFileSync(join(__dirname, '__fixtures__', name), 'utf8'));
}

const empty = {
  duration_s: null,
  frame_rate: null,
  fps: null,
  frame_rate_raw: null,
  width: null,
  height: null,
  video_codec: null,
  audio_codec: null,
  container: null,
};

/** A report with one General track and the given others. */
const report = (general: Record<string, unknown>, ...tracks: Record<string, unknown>[]) => ({
  media: { track: [{ '@type': 'General', ...general }, ...tracks] },
});
const videoTrack = (extra: Record<string, unknown> = {}) => ({
  '@type': 'Video',
  Format: 'AVC',
  Width: 1920,
  Height: 1080,
  FrameRate: 25,
  FrameRate_Num: 25,
  FrameRate_Den: 1,
  ...extra,
});

describe('mediaInfoFromMediaInfoLib on captured reports', () => {
  it('MP4, H.264 + AAC: the container states 30000/1001', () => {
    expect(mediaInfoFromMediaInfoLib(fixture('mediainfo-mp4-h264-aac-29.97.json'))).toEqual({
      duration_s: 4.004,
      frame_rate: '30000/1001',
      fps: 29.97,
      frame_rate_raw: null,
      width: 320,
      height: 180,
      video_codec: 'h264',
      audio_codec: 'aac',
      container: 'mp4',
    });
  });

  it('QuickTime MOV (brand "qt  ") with a drop-frame timecode track, which is not the video', () => {
    expect(mediaInfoFromMediaInfoLib(fixture('mediainfo-mov-timecode-29.97.json'))).toEqual({
      duration_s: 4.004,
      frame_rate: '30000/1001',
      fps: 29.97,
      frame_rate_raw: null,
      width: 320,
      height: 180,
      video_codec: 'h264',
      audio_codec: 'aac',
      container: 'mov',
    });
  });

  it('Matroska: the General duration (longest track) wins over the video track', () => {
    expect(mediaInfoFromMediaInfoLib(fixture('mediainfo-mkv-h264-aac.json'))).toEqual({
      duration_s: 3.049,
      frame_rate: '30000/1001',
      fps: 29.97,
      frame_rate_raw: null,
      width: 320,
      height: 180,
      video_codec: 'h264',
      audio_codec: 'aac',
      container: 'matroska',
    });
  });

  it('a 59.94 MKV: no FrameRate_Num/Den, the decimal 59.94 snaps to 60000/1001 and is kept as raw 2997/50', () => {
    // ffmpeg -f lavfi -i testsrc=size=64x36:rate=60000/1001 -f lavfi -i sine -t 1 -c:v libx264 -c:a aac x.mkv
    const info = mediaInfoFromMediaInfoLib(fixture('mediainfo-mkv-h264-aac-59.94.json'));
    expect(info).toEqual({
      duration_s: 1.024,
      frame_rate: '60000/1001',
      fps: 59.94,
      frame_rate_raw: '2997/50',
      width: 64,
      height: 36,
      video_codec: 'h264',
      audio_codec: 'aac',
      container: 'matroska',
    });
  });

  it('MXF, H.264 + PCM at 25/1: PCM named from bit depth and byte order (MXF states no sign)', () => {
    expect(mediaInfoFromMediaInfoLib(fixture('mediainfo-mxf-h264-pcm-25.json'))).toEqual({
      duration_s: 2,
      frame_rate: '25/1',
      fps: 25,
      frame_rate_raw: null,
      width: 320,
      height: 180,
      video_codec: 'h264',
      audio_codec: 'pcm_s16le',
      container: 'mxf',
    });
  });

  it('audio only (M4A, brand "M4A "): no video fields, container mp4', () => {
    // ffmpeg -f lavfi -i sine -t 2 -c:a aac a.m4a
    expect(mediaInfoFromMediaInfoLib(fixture('mediainfo-m4a-aac.json'))).toEqual({
      ...empty,
      duration_s: 2,
      audio_codec: 'aac',
      container: 'mp4',
    });
  });

  it('a text file: MediaInfoLib finds no format, so everything is null', () => {
    expect(mediaInfoFromMediaInfoLib(fixture('mediainfo-text.json'))).toEqual(empty);
  });
});

describe('frame rates', () => {
  it.each([
    // [FrameRate, Num, Den] → frame_rate, fps, raw
    [59.94, undefined, undefined, '60000/1001', 59.94, '2997/50'],
    ['59.940', undefined, undefined, '60000/1001', 59.94, '2997/50'], // as the JSON format writes it
    [47.952, undefined, undefined, '48000/1001', 47.952, '5994/125'],
    [29.97, undefined, undefined, '30000/1001', 29.97, '2997/100'],
    [23.976, undefined, undefined, '24000/1001', 23.976, '2997/125'],
    [25, undefined, undefined, '25/1', 25, null],
    [50, 100, 2, '50/1', 50, null], // reduced
    [29.97, 30000, 1001, '30000/1001', 29.97, null], // the exact fraction wins
    [59.94, 19001, 317, '60000/1001', 59.94, '19001/317'], // a stated fraction near a standard one
    [12, undefined, undefined, '12/1', 12, null], // no standard rate near: kept
    [59.25, undefined, undefined, '237/4', 59.25, null], // variable rate, the average: kept as is
    [29.97, 0, 0, '30000/1001', 29.97, '2997/100'], // no usable fraction: the decimal
  ])('FrameRate %p, %p/%p → %s (%d fps), raw %p', (frameRate, num, den, frameRateOut, fps, raw) => {
    const info = mediaInfoFromMediaInfoLib(
      report({}, videoTrack({ FrameRate: frameRate, FrameRate_Num: num, FrameRate_Den: den })),
    );
    expect(info).toMatchObject({ frame_rate: frameRateOut, fps, frame_rate_raw: raw });
  });

  it.each([0, -25, 'N/A', '', '1e3', null])('FrameRate %p with no fraction is no rate', (frameRate) => {
    const info = mediaInfoFromMediaInfoLib(
      report({}, videoTrack({ FrameRate: frameRate, FrameRate_Num: undefined, FrameRate_Den: undefined })),
    );
    expect(info).toMatchObject({ frame_rate: null, fps: null, frame_rate_raw: null });
  });
});

describe('codec and container names are FFmpeg’s', () => {
  it.each([
    [{ Format: 'MPEG-4', CodecID: 'qt  ', Format_Profile: 'QuickTime' }, 'mov'],
    [{ Format: 'MPEG-4', Format_Profile: 'QuickTime' }, 'mov'], // old QuickTime, no ftyp
    [{ Format: 'MPEG-4', CodecID: 'isom', Format_Profile: 'Base Media' }, 'mp4'],
    [{ Format: 'MPEG-4', CodecID: 'mp42' }, 'mp4'],
    [{ Format: 'Matroska' }, 'matroska'],
    [{ Format: 'WebM' }, 'matroska'],
    [{ Format: 'MXF' }, 'mxf'],
    [{ Format: 'MPEG-TS' }, 'mpegts'],
    [{ Format: 'BDAV' }, 'mpegts'],
    [{ Format: 'AVI' }, 'avi'],
    [{ Format: 'RealMedia' }, 'realmedia'], // not listed: MediaInfo's own name
  ])('General %p → %s', (general, container) => {
    expect(mediaInfoFromMediaInfoLib(report(general, videoTrack())).container).toBe(container);
  });

  it.each([
    [{ Format: 'AVC' }, 'h264'],
    [{ Format: 'HEVC' }, 'hevc'],
    [{ Format: 'ProRes', Format_Profile: '422 HQ' }, 'prores'],
    [{ Format: 'MPEG Video', Format_Version: '2' }, 'mpeg2video'],
    [{ Format: 'MPEG Video', Format_Version: '1' }, 'mpeg1video'],
    [{ Format: 'VC-3' }, 'dnxhd'],
    [{ Format: 'MPEG-4 Visual' }, 'mpeg4'],
    [{ Format: 'Some Codec' }, 'some_codec'],
  ])('Video %p → %s', (video, codec) => {
    expect(mediaInfoFromMediaInfoLib(report({}, videoTrack(video))).video_codec).toBe(codec);
  });

  it.each([
    [{ Format: 'AAC' }, 'aac'],
    [
      { Format: 'PCM', BitDepth: 16, Format_Settings_Endianness: 'Little', Format_Settings_Sign: 'Signed' },
      'pcm_s16le',
    ],
    [{ Format: 'PCM', BitDepth: 16, Format_Settings_Endianness: 'Big', Format_Settings_Sign: 'Signed' }, 'pcm_s16be'],
    [{ Format: 'PCM', BitDepth: 24, Format_Settings_Endianness: 'Little' }, 'pcm_s24le'],
    [{ Format: 'PCM', BitDepth: 8, Format_Settings_Sign: 'Unsigned' }, 'pcm_u8'],
    [{ Format: 'PCM', BitDepth: 32, Format_Profile: 'Float' }, 'pcm_f32le'],
    [{ Format: 'MPEG Audio', Format_Profile: 'Layer 3' }, 'mp3'],
    [{ Format: 'MPEG Audio', Format_Profile: 'Layer 2' }, 'mp2'],
    [{ Format: 'AC-3' }, 'ac3'],
    [{ Format: 'E-AC-3' }, 'eac3'],
    [{ Format: 'MLP FBA' }, 'truehd'],
  ])('Audio %p → %s', (audio, codec) => {
    expect(mediaInfoFromMediaInfoLib(report({}, { '@type': 'Audio', ...audio })).audio_codec).toBe(codec);
  });
});

describe('mediaInfoFromMediaInfoLib on hand-made reports', () => {
  it.each([
    undefined,
    null,
    42,
    'text',
    [],
    {},
    { media: null },
    { media: { track: 'no' } },
    { media: { track: [7] } },
  ])('is total: %p gives all nulls', (junk) => {
    expect(mediaInfoFromMediaInfoLib(junk)).toEqual(empty);
  });

  it('an image: an Image track is not video', () => {
    const info = mediaInfoFromMediaInfoLib(report({ Format: 'PNG' }, { '@type': 'Image', Format: 'PNG', Width: 64 }));
    expect(info).toEqual({ ...empty, container: 'png' });
  });

  it('takes the first video and the first audio track', () => {
    const info = mediaInfoFromMediaInfoLib(
      report(
        { Format: 'MPEG-4' },
        videoTrack({ Format: 'HEVC', FrameRate: 23.976, FrameRate_Num: 24000, FrameRate_Den: 1001 }),
        videoTrack({ Format: 'AVC', Width: 640 }),
        { '@type': 'Audio', Format: 'AC-3' },
        { '@type': 'Audio', Format: 'AAC' },
      ),
    );
    expect(info).toMatchObject({ video_codec: 'hevc', frame_rate: '24000/1001', width: 1920, audio_codec: 'ac3' });
  });

  it('duration: General, else the video track, else the longest track; negatives and junk are unknown', () => {
    expect(mediaInfoFromMediaInfoLib(report({}, videoTrack({ Duration: 9.5 }))).duration_s).toBe(9.5);
    expect(
      mediaInfoFromMediaInfoLib(
        report({ Duration: 'N/A' }, { '@type': 'Audio', Duration: 3.2 }, { '@type': 'Other', Duration: '7' }),
      ).duration_s,
    ).toBe(7);
    expect(mediaInfoFromMediaInfoLib(report({ Duration: -1 }, videoTrack())).duration_s).toBeNull();
    expect(mediaInfoFromMediaInfoLib(report({ Duration: '' }, videoTrack())).duration_s).toBeNull();
  });

  it('width/height must be positive whole numbers', () => {
    expect(mediaInfoFromMediaInfoLib(report({}, videoTrack({ Width: 0, Height: '1080' })))).toMatchObject({
      width: null,
      height: 1080,
    });
  });
});

describe('mediaSummaryOf', () => {
  it('passes a probe on: duration, snapped rate, raw rate; the contract accepts it', () => {
    const info = mediaInfoFromMediaInfoLib(fixture('mediainfo-mkv-h264-aac-59.94.json'));
    const summary = mediaSummaryOf(info);
    expect(summary).toEqual({
      duration_s: 1.024,
      frame_rate: '60000/1001',
      fps: 59.94,
      frame_rate_raw: '2997/50',
    });
    expect(MediaSummarySchema.parse(summary)).toEqual(summary);
  });

  it('snaps a probe stored before snapping existed (ffprobe’s fraction, no frame_rate_raw)', () => {
    expect(mediaSummaryOf({ duration_s: 3, frame_rate: '19001/317', fps: 59.94 })).toEqual({
      duration_s: 3,
      frame_rate: '60000/1001',
      fps: 59.94,
      frame_rate_raw: '19001/317',
    });
  });

  it('leaves standard and unknown rates as they are', () => {
    expect(mediaSummaryOf({ duration_s: 2, frame_rate: '25/1', fps: 25, frame_rate_raw: null })).toEqual({
      duration_s: 2,
      frame_rate: '25/1',
      fps: 25,
      frame_rate_raw: null,
    });
    expect(mediaSummaryOf({ duration_s: null, frame_rate: null, fps: null })).toEqual({
      duration_s: null,
      frame_rate: null,
      fps: null,
      frame_rate_raw: null,
    });
  });
});
