import { FRAME_RATE_25, FRAME_RATE_29_97, FRAME_RATE_59_94, FrameRate, formatFrameRate } from '@pokervod/timecode';

/** The broadcast rates a poker NAS holds: PAL 25, NTSC 29.97 (drop-frame labels) and 59.94 HFR. */
export type RateName = '25' | '29.97' | '59.94';
export const RATE_NAMES: readonly RateName[] = ['25', '29.97', '59.94'];

export const RATES: Readonly<Record<RateName, FrameRate>> = {
  '25': FRAME_RATE_25,
  '29.97': FRAME_RATE_29_97,
  '59.94': FRAME_RATE_59_94,
};

export function rateText(rate: RateName): string {
  return formatFrameRate(RATES[rate]);
}

export type Container = 'mp4' | 'mov' | 'mkv' | 'mxf';
export const CONTAINERS: readonly Container[] = ['mp4', 'mov', 'mkv', 'mxf'];

export function hasDropFrame(rate: RateName): boolean {
  return rate !== '25';
}
