export {
  FRAME_RATE_23_976,
  FRAME_RATE_24,
  FRAME_RATE_25,
  FRAME_RATE_29_97,
  FRAME_RATE_30,
  FRAME_RATE_50,
  FRAME_RATE_59_94,
  FRAME_RATE_60,
  formatFrameRate,
  frameRateToNumber,
  nominalFps,
  parseFrameRate,
  supportsDropFrame,
  TimecodeError,
} from './frame-rate';
export type { FrameRate } from './frame-rate';
export {
  FRAME_RATE_47_952,
  FRAME_RATE_48,
  FRAME_RATE_SNAP_TOLERANCE,
  snapFrameRate,
  STANDARD_FRAME_RATES,
} from './snap-frame-rate';
export { formatTimecode, framesToSeconds, parseTimecode, secondsToFrames } from './timecode';
export type { Timecode, TimecodeFormat, TimecodeResult } from './timecode';
