import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isNonMediaContainer, mediaInfoFromFfprobe, mediaSummaryOf } from './media-info';

/** ffprobe answers captured from samples/nas (scripts/make-sample-nas.sh), ffprobe 5.1. */
function fixture(name: string): unknown {
  return JSON.parse(readFileSync(join(__dirname, '__fixtures__', name), 'utf8'));
}

describe('mediaInfoFromFfprobe on captured ffprobe answers', () => {
  it('MP4, H.264 + AAC at 30000/1001', () => {
    expect(mediaInfoFromFfprobe(fixture('ffprobe-mp4-h264-aac-29.97.json'))).toEqual({
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

  it('QuickTime MOV with a drop-frame timecode track (the data stream is not the video)', () => {
    expect(mediaInfoFromFfprobe(fixture('ffprobe-mov-timecode-29.97.json'))).toEqual({
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

  it('Matroska: no per-stream duration, the container has it', () => {
    expect(mediaInfoFromFfprobe(fixture('ffprobe-mkv-h264-aac.json'))).toEqual({
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

  it('MXF, H.264 + PCM at 25', () => {
    expect(mediaInfoFromFfprobe(fixture('ffprobe-mxf-h264-pcm-25.json'))).toEqual({
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
});

describe('frame rates snapped to the standard rate they are near', () => {
  it("a 59.94 MKV: Matroska's millisecond clock gives 19001/317, the summary counts 60000/1001", () => {
    // ffmpeg -f lavfi -i testsrc=size=64x36:rate=60000/1001 -f lavfi -i sine -t 1 -c:v libx264 -c:a aac x.mkv
    expect(mediaInfoFromFfprobe(fixture('ffprobe-mkv-h264-aac-59.94.json'))).toEqual({
      duration_s: 1.022,
      frame_rate: '60000/1001',
      fps: 59.94,
      frame_rate_raw: '19001/317',
      width: 64,
      height: 36,
      video_codec: 'h264',
      audio_codec: 'aac',
      container: 'matroska',
    });
  });

  it.each([
    ['19001/317', '19001/317', '60000/1001', 59.94, '19001/317'],
    ['7001/146', '7001/146', '48000/1001', 47.952, '7001/146'],
    ['1000/1', '2997/100', '30000/1001', 29.97, '2997/100'], // a time base for r: the average, snapped
    ['60000/1001', '30000/1001', '30000/1001', 29.97, null], // interlaced: r counts fields
    ['12/1', '12/1', '12/1', 12, null], // no standard rate near: kept
    ['60/1', '10798/181', '60/1', 60, null], // variable rate near nominal: the nominal one
  ])('r %s, avg %s → %s (%d fps), raw %s', (r, avg, frameRate, fps, raw) => {
    const info = mediaInfoFromFfprobe({ streams: [{ codec_type: 'video', r_frame_rate: r, avg_frame_rate: avg }] });
    expect(info).toMatchObject({ frame_rate: frameRate, fps, frame_rate_raw: raw });
  });
});

describe('mediaSummaryOf', () => {
  it('passes a probe on: duration, snapped rate, raw rate', () => {
    const info = mediaInfoFromFfprobe(fixture('ffprobe-mkv-h264-aac-59.94.json'));
    expect(mediaSummaryOf(info)).toEqual({
      duration_s: 1.022,
      frame_rate: '60000/1001',
      fps: 59.94,
      frame_rate_raw: '19001/317',
    });
  });

  it('snaps a probe stored before snapping existed (no frame_rate_raw)', () => {
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

describe('mediaInfoFromFfprobe on hand-made answers', () => {
  const video = (extra: Record<string, unknown> = {}) => ({
    codec_type: 'video',
    codec_name: 'h264',
    width: 1920,
    height: 1080,
    r_frame_rate: '60/1',
    avg_frame_rate: '60/1',
    ...extra,
  });
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

  it.each([undefined, null, 42, 'text', [], {}, { streams: 'no', format: [] }])(
    'is total: %p gives all nulls',
    (junk) => {
      expect(mediaInfoFromFfprobe(junk)).toEqual(empty);
    },
  );

  it('audio only: no video fields', () => {
    const info = mediaInfoFromFfprobe({
      streams: [{ codec_type: 'audio', codec_name: 'mp3', r_frame_rate: '0/0', avg_frame_rate: '0/0' }],
      format: { format_name: 'mp3', duration: '12.5' },
    });
    expect(info).toEqual({ ...empty, duration_s: 12.5, audio_codec: 'mp3', container: 'mp3' });
  });

  it('skips cover art (attached_pic) and picks the real picture stream', () => {
    const info = mediaInfoFromFfprobe({
      streams: [
        video({
          codec_name: 'mjpeg',
          width: 600,
          height: 600,
          r_frame_rate: '90000/1',
          disposition: { attached_pic: 1 },
        }),
        video({ codec_name: 'hevc', r_frame_rate: '24000/1001', avg_frame_rate: '24000/1001' }),
      ],
      format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', tags: { major_brand: 'isom' } },
    });
    expect(info).toMatchObject({ video_codec: 'hevc', frame_rate: '24000/1001', fps: 23.976, width: 1920 });
  });

  it('interlaced: r_frame_rate counts fields, avg_frame_rate is the frame rate', () => {
    const info = mediaInfoFromFfprobe({
      streams: [video({ r_frame_rate: '60000/1001', avg_frame_rate: '30000/1001' })],
    });
    expect(info).toMatchObject({ frame_rate: '30000/1001', fps: 29.97 });
  });

  it('variable rate close to nominal keeps the nominal fraction; far from it takes the average', () => {
    const phone = mediaInfoFromFfprobe({ streams: [video({ r_frame_rate: '60/1', avg_frame_rate: '10798/181' })] });
    expect(phone.frame_rate).toBe('60/1');
    const odd = mediaInfoFromFfprobe({ streams: [video({ r_frame_rate: '90000/1', avg_frame_rate: '2997/100' })] });
    expect(odd).toMatchObject({ frame_rate: '30000/1001', fps: 29.97, frame_rate_raw: '2997/100' });
  });

  it('reduces fractions and falls back to whichever rate is valid', () => {
    expect(mediaInfoFromFfprobe({ streams: [video({ r_frame_rate: '50/2', avg_frame_rate: '0/0' })] }).frame_rate).toBe(
      '25/1',
    );
    expect(mediaInfoFromFfprobe({ streams: [video({ r_frame_rate: 'N/A', avg_frame_rate: '25/1' })] }).frame_rate).toBe(
      '25/1',
    );
    expect(mediaInfoFromFfprobe({ streams: [video({ r_frame_rate: '0/0', avg_frame_rate: '1/0' })] })).toMatchObject({
      frame_rate: null,
      fps: null,
    });
  });

  it('duration: format, else the video stream, else the longest stream; "N/A" and negatives are unknown', () => {
    expect(
      mediaInfoFromFfprobe({ streams: [video({ duration: '9.5' })], format: { duration: 'N/A' } }).duration_s,
    ).toBe(9.5);
    expect(
      mediaInfoFromFfprobe({
        streams: [
          { codec_type: 'audio', codec_name: 'aac', duration: '3.2' },
          { codec_type: 'data', duration: '7' },
        ],
      }).duration_s,
    ).toBe(7);
    expect(mediaInfoFromFfprobe({ streams: [video()], format: { duration: '-1' } }).duration_s).toBeNull();
    expect(mediaInfoFromFfprobe({ streams: [video()], format: { duration: '' } }).duration_s).toBeNull();
  });

  it('width/height must be positive whole numbers', () => {
    expect(mediaInfoFromFfprobe({ streams: [video({ width: 0, height: '1080' })] })).toMatchObject({
      width: null,
      height: 1080,
    });
  });

  it.each([
    ['mov,mp4,m4a,3gp,3g2,mj2', { major_brand: 'qt  ' }, 'mov'],
    ['mov,mp4,m4a,3gp,3g2,mj2', undefined, 'mov'],
    ['mov,mp4,m4a,3gp,3g2,mj2', { MAJOR_BRAND: 'mp42' }, 'mp4'],
    ['matroska,webm', undefined, 'matroska'],
    ['mpegts', undefined, 'mpegts'],
    ['avi', undefined, 'avi'],
  ])('container %s with tags %p is %s', (format_name, tags, container) => {
    expect(mediaInfoFromFfprobe({ streams: [video()], format: { format_name, tags } }).container).toBe(container);
  });
});

describe('isNonMediaContainer', () => {
  it.each([
    ['tty', true],
    ['image2', true],
    ['png_pipe', true],
    ['mp4', false],
    [null, false],
  ])('%p → %p', (container, expected) => {
    expect(isNonMediaContainer(container)).toBe(expected);
  });
});
