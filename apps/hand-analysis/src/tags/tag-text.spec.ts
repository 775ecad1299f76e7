import { normalizeTagText, tagLookupKey } from './tag-text';

describe('normalizeTagText', () => {
  it.each([
    ['bluff', 'bluff'],
    ['Bluff', 'bluff'],
    ['＃ＢＬＵＦＦ', 'bluff'],
    ['#bad-beat', 'bad-beat'],
    ['##Cooler', 'cooler'],
    ['Hero Call', 'hero-call'],
    ['hero_call', 'hero-call'],
    ['  hero -- call  ', 'hero-call'],
    ['hero – call', 'hero-call'],
    ['Ｈｅｒｏ　Ｃａｌｌ', 'hero-call'],
    ['블러프', '블러프'],
    ['히어로 콜', '히어로-콜'],
    ['#올인', '올인'],
    ['player: Phil Ivey', 'player:-phil-ivey'],
    ['AKs', 'aks'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeTagText(raw)).toBe(expected);
  });

  it.each(['', '   ', '#', '# - _'])('%j is no tag', (raw) => {
    expect(normalizeTagText(raw)).toBeNull();
  });

  it('looks tags up without their hyphens', () => {
    expect(tagLookupKey('hero-call')).toBe(tagLookupKey('herocall'));
    expect(tagLookupKey('히어로-콜')).toBe('히어로콜');
  });
});
