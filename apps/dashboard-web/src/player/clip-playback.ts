import { FrameClock, frameAt, seekTimeOf, startOf } from '../timecode/frame-clock';

/** What the controller needs of an HTMLVideoElement (so tests can drive a stand-in). */
export interface VideoLike extends EventTarget {
  currentTime: number;
  readonly paused: boolean;
  readonly duration: number;
  readonly readyState: number;
  playbackRate: number;
  play(): Promise<void> | void;
  pause(): void;
  requestVideoFrameCallback?(callback: (now: number, metadata: { mediaTime: number }) => void): number;
  cancelVideoFrameCallback?(handle: number): void;
}

export interface ClipRange {
  inFrame: number;
  outFrame: number;
}

export type KeyAction = 'toggle' | 'reverse' | 'stop' | 'forward' | 'previousFrame' | 'nextFrame';

/** NLE keys: space play/pause; J/K/L shuttle back/stop/forward (again: faster); ←/→ one frame. */
export function keyAction(key: string): KeyAction | null {
  switch (key) {
    case ' ':
    case 'Spacebar':
      return 'toggle';
    case 'j':
    case 'J':
      return 'reverse';
    case 'k':
    case 'K':
      return 'stop';
    case 'l':
    case 'L':
      return 'forward';
    case 'ArrowLeft':
      return 'previousFrame';
    case 'ArrowRight':
      return 'nextFrame';
    default:
      return null;
  }
}

const MAX_SHUTTLE = 8;
const HAVE_METADATA = 1;

/**
 * Plays one clip of a video file: opens at the in-point, stops at the
 * out-point (checked on every presented frame, then snapped to the out frame
 * exactly), steps one frame at the file's exact rate, and shuttles J/K/L.
 * Playing on from the out-point, or from anywhere after it, is not stopped again.
 */
export class ClipPlayback {
  /** Playback position when last checked: the out-point stops playback that crosses it, not playback that starts past it. */
  private lastTime = 0;
  private reverseSpeed = 0;
  private reverseTimer: ReturnType<typeof setInterval> | null = null;
  private frameHandle: number | null = null;
  private detached = false;
  private opened = false;

  constructor(
    private readonly video: VideoLike,
    private readonly clock: FrameClock,
    private readonly range: ClipRange,
    private readonly onFrame: (frame: number) => void = () => undefined,
    private readonly autoplay = true,
  ) {}

  get inTime(): number {
    return seekTimeOf(this.clock, this.range.inFrame);
  }

  /** The out frame's start: reaching it is reaching the out-point. */
  get outTime(): number {
    return startOf(this.clock, this.range.outFrame);
  }

  get currentFrame(): number {
    return frameAt(this.clock, this.video.currentTime);
  }

  get shuttle(): number {
    if (this.reverseSpeed > 0) return -this.reverseSpeed;
    return this.video.paused ? 0 : this.video.playbackRate;
  }

  attach(): () => void {
    const v = this.video;
    const listeners: [string, () => void][] = [
      ['loadedmetadata', () => this.open()],
      ['timeupdate', () => this.check(v.currentTime)],
      ['seeked', () => this.moved()],
      ['play', () => this.playing()],
      ['pause', () => this.report()],
    ];
    for (const [type, fn] of listeners) v.addEventListener(type, fn);
    if (v.readyState >= HAVE_METADATA) this.open();
    return () => {
      this.detached = true;
      this.stopReverse();
      this.cancelTick();
      for (const [type, fn] of listeners) v.removeEventListener(type, fn);
    };
  }

  /** Seek to the in-point once the video knows its duration, then play. */
  private open(): void {
    if (this.opened) return;
    this.opened = true;
    this.seekFrame(this.range.inFrame);
    if (this.autoplay) this.play();
  }

  play(rate = 1): void {
    this.stopReverse();
    this.video.playbackRate = rate;
    this.lastTime = this.video.currentTime;
    const started = this.video.play();
    // Autoplay may be refused (no user gesture yet): the viewer presses play.
    if (started && typeof started.catch === 'function') started.catch(() => this.report());
  }

  pause(): void {
    this.stopReverse();
    this.video.pause();
    this.video.playbackRate = 1;
    this.report();
  }

  toggle(): void {
    if (this.video.paused && this.reverseSpeed === 0) this.play();
    else this.pause();
  }

  /** L: play forward; pressed again while playing, twice as fast (up to 8×). */
  forward(): void {
    if (this.reverseSpeed > 0 || this.video.paused) this.play(1);
    else this.video.playbackRate = Math.min(this.video.playbackRate * 2, MAX_SHUTTLE);
    this.report();
  }

  /**
   * J: play backward; again, twice as fast. Browsers do not play media in
   * reverse (negative playbackRate), so this steps currentTime back on a timer.
   */
  reverse(): void {
    const speed = this.reverseSpeed > 0 ? Math.min(this.reverseSpeed * 2, MAX_SHUTTLE) : 1;
    this.video.pause();
    this.reverseSpeed = speed;
    if (!this.reverseTimer) {
      let last = performance.now();
      this.reverseTimer = setInterval(() => {
        const now = performance.now();
        const target = this.video.currentTime - ((now - last) / 1000) * this.reverseSpeed;
        last = now;
        if (target <= 0) {
          this.video.currentTime = 0;
          this.stopReverse();
        } else {
          this.video.currentTime = target;
        }
        this.report();
      }, 40);
    }
    this.report();
  }

  /** ←/→ and the frame buttons: pause and move exactly `frames` frames at the file's rate. */
  step(frames: number): void {
    this.stopReverse();
    if (!this.video.paused) this.video.pause();
    this.seekFrame(this.currentFrame + frames);
  }

  seekFrame(frame: number): void {
    let target = Math.max(0, frame);
    const duration = this.video.duration;
    if (Number.isFinite(duration) && duration > 0) target = Math.min(target, frameAt(this.clock, duration) - 1);
    this.video.currentTime = seekTimeOf(this.clock, Math.max(0, target));
    this.lastTime = this.video.currentTime;
    this.report();
  }

  /** Returns true when the key was a player key (the caller then prevents its default). */
  handle(action: KeyAction): void {
    switch (action) {
      case 'toggle':
        return this.toggle();
      case 'reverse':
        return this.reverse();
      case 'stop':
        return this.pause();
      case 'forward':
        return this.forward();
      case 'previousFrame':
        return this.step(-1);
      case 'nextFrame':
        return this.step(1);
    }
  }

  /** Called with the time of every presented frame while playing (and on timeupdate). */
  check(time: number): void {
    if (this.detached) return;
    const out = this.outTime;
    const halfFrame = this.clock.rate.den / this.clock.rate.num / 2;
    if (!this.video.paused && this.lastTime < out - halfFrame && time >= out - halfFrame) {
      // Snap to the out frame: the frame check runs once per presented frame, so it may be up to one frame late.
      this.video.pause();
      this.video.playbackRate = 1;
      this.video.currentTime = seekTimeOf(this.clock, this.range.outFrame);
      this.lastTime = this.video.currentTime;
      this.cancelTick();
      this.report();
      return;
    }
    this.lastTime = time;
    this.report();
  }

  private moved(): void {
    this.lastTime = this.video.currentTime;
    this.report();
  }

  private playing(): void {
    this.lastTime = Math.min(this.lastTime, this.video.currentTime);
    this.scheduleTick();
    this.report();
  }

  private scheduleTick(): void {
    if (this.frameHandle !== null || this.detached) return;
    const v = this.video;
    if (typeof v.requestVideoFrameCallback === 'function') {
      this.frameHandle = v.requestVideoFrameCallback((_now, metadata) => {
        this.frameHandle = null;
        if (v.paused) return;
        this.check(Math.max(metadata.mediaTime, v.currentTime));
        if (!v.paused) this.scheduleTick();
      });
    } else if (typeof requestAnimationFrame === 'function') {
      this.frameHandle = requestAnimationFrame(() => {
        this.frameHandle = null;
        if (v.paused) return;
        this.check(v.currentTime);
        if (!v.paused) this.scheduleTick();
      });
    }
  }

  private cancelTick(): void {
    if (this.frameHandle === null) return;
    if (typeof this.video.cancelVideoFrameCallback === 'function')
      this.video.cancelVideoFrameCallback(this.frameHandle);
    else if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(this.frameHandle);
    this.frameHandle = null;
  }

  private stopReverse(): void {
    this.reverseSpeed = 0;
    if (this.reverseTimer) clearInterval(this.reverseTimer);
    this.reverseTimer = null;
  }

  private report(): void {
    if (!this.detached) this.onFrame(this.currentFrame);
  }
}
