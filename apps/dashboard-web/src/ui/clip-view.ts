import type { Clip } from '../api/types';

/** Player tags (`player:mina-park`) repeat the players listed next to them. */
export function shownTags(clip: Clip) {
  return clip.tags.filter((tag) => tag.category !== 'player');
}

export function clipTitle(clip: Clip, t: (key: string, options?: Record<string, unknown>) => string): string {
  const who = clip.players_text ?? clip.players.join(' vs ');
  const hand = clip.hand_no ? t('player.hand', { hand: clip.hand_no }) : t('player.untitledHand');
  return who ? `${hand} · ${who}` : hand;
}
