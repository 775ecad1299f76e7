import { FRAME_RATE_29_97 } from '@pokervod/timecode';
import { DEFAULT_TAXONOMY } from '../tags/default-taxonomy';
import { Taxonomy } from '../tags/taxonomy';
import { ClipDraft, buildClip, resolveTagTexts, sameClipFields, validationChanged } from './hand-clip';

const taxonomy = new Taxonomy(DEFAULT_TAXONOMY);
const draft: ClipDraft = {
  video_file_id: 'file-1',
  episode_id: 'episode-1',
  source_row_key: 'sheet-1:row-7',
  source_sheet: 'sheet-1',
  hand_no: '12',
  players: 'Phil Ivey vs Tom Dwan',
  description: 'Ivey shoves AhKd',
  sheet_tags: ['#Bluff', '블러프', 'Big Pot'],
  in_text: '00:01:00',
  out_text: '00:02:00',
};
const settings = { rate: FRAME_RATE_29_97, videoDurationS: 3600, maxClipSeconds: 1800, taxonomy };

describe('buildClip', () => {
  it('reads, checks and tags a draft', () => {
    const built = buildClip(draft, settings);
    expect(built.fields).toMatchObject({
      source_sheet: 'sheet-1',
      in_frame: 1798,
      out_frame: 3596,
      rate_num: 30000,
      rate_den: 1001,
      drop_frame: false,
      video_duration_s: 3600,
      status: 'valid',
      reasons: [],
    });
    expect(built.sheetTags).toEqual([
      { name: 'bluff', category: 'action', raw: '#Bluff' },
      { name: 'big-pot', category: 'situation', raw: 'Big Pot' },
    ]);
    expect(built.derivedTags.map((t) => t.name).sort()).toEqual([
      'AK',
      'AKo',
      'all-in',
      'player:phil-ivey',
      'player:tom-dwan',
    ]);
  });

  it('gives the same fields for the same draft, and tells a change apart', () => {
    const a = buildClip(draft, settings).fields;
    expect(sameClipFields(a, buildClip({ ...draft }, settings).fields)).toBe(true);
    const later = buildClip({ ...draft, out_text: '00:02:30' }, settings).fields;
    expect(sameClipFields(a, later)).toBe(false);
    expect(validationChanged(a, later)).toBe(true);
    const moreTags = buildClip({ ...draft, sheet_tags: [...draft.sheet_tags, 'cooler'] }, settings).fields;
    expect(sameClipFields(a, moreTags)).toBe(false);
    expect(validationChanged(a, moreTags)).toBe(false);
  });

  it('becomes invalid once the video is known to be shorter', () => {
    const built = buildClip({ ...draft, in_text: '00:50:00', out_text: '01:10:00' }, settings);
    expect(built.fields).toMatchObject({
      status: 'invalid',
      reasons: ['out 01:10:00 is past the end of the video (3600.0 s)'],
    });
  });
});

describe('resolveTagTexts', () => {
  it('keeps the first spelling of each tag and drops empty ones', () => {
    expect(resolveTagTexts(['Hero Call', 'hero_call', ' ', '#'], taxonomy)).toEqual([
      { name: 'hero-call', category: 'action', raw: 'Hero Call' },
    ]);
  });
});
