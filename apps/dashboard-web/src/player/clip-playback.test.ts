import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { frameAt, frameClock, startOf } from '../timecode/frame-clock';
import { ClipPlayback, keyAction, VideoLike } from './clip-playback';

/** A `<video>` without a decoder: time moves only when the test says, events fire like a browser's. */
class FakeVideo extends EventTarget implements VideoLike {
  currentTime = 0;
  paused = true;
  duration = 10;
  readyState = 0;
  playbackRate = 1;
  play = vi.fn(() => {
    this.paused = false;
    this.dispatchEvent(new Event('play'));
    return Promise.resolve();
  });
  pause = vi.fn(() => {
    this.paused = true;
    this.dispatchEvent(new Event('pause'));
  });
  loadMetadata() {
    this.readyState = 1;
    this.dispatchEvent(new Event('loadedmetadata'));
  }
  /** Playback reached `seconds` (the browser fires timeupdate every ~250 ms). */
  advanceTo(seconds: number) {
    this.currentTime = seconds;
    this.dispatchEvent(new Event('timeupdate'));
  }
}

describe('keyAction', () => {
  it('maps the NLE keys and nothing else', () => {
    expect(keyAction(' ')).toBe('toggle');
    expect(keyAction('j')).toBe('reverse');
    expect(keyAction('K')).toBe('stop');
    expect(keyAction('l')).toBe('forward');
    expect(keyAction('ArrowLeft')).toBe('previousFrame');
    expect(keyAction('ArrowRight')).toBe('nextFrame');
    expect(keyAction('x')).toBeNull();
    expect(keyAction('Enter')).toBeNull();
  });
});

describe('ClipPlayback', () => {
  const ntsc = frameClock('30000/1001')!;
  const pal = frameClock('25/1')!;
  let video: FakeVideo;

  beforeEach(() => {
    video = new FakeVideo();
  });
  afterEach(() => vi.useRealTimers());

  it('opens at the in-point once the metadata is there, and plays', () => {
    const frames: number[] = [];
    const playback = new ClipPlayback(video, ntsc, { inFrame: 45, outFrame: 120 }, (f) => frames.push(f));
    playback.attach();
    expect(video.play).not.toHaveBeenCalled();
    video.loadMetadata();
    expect(frameAt(ntsc, video.currentTime)).toBe(45);
    expect(Math.abs(video.currentTime - startOf(ntsc, 45))).toBeLessThan(1 / ntsc.fps);
    expect(video.play).toHaveBeenCalledTimes(1);
    expect(frames).toContain(45);
  });

  it('opens at once when the metadata loaded before it attached', () => {
    video.readyState = 4;
    new ClipPlayback(video, pal, { inFrame: 25, outFrame: 50 }).attach();
    expect(frameAt(pal, video.currentTime)).toBe(25);
  });

  it('pauses exactly on the out frame when playback crosses it, even a frame late', () => {
    const playback = new ClipPlayback(video, pal, { inFrame: 25, outFrame: 100 });
    playback.attach();
    video.loadMetadata();
    video.advanceTo(2.0);
    expect(video.paused).toBe(false);
    // The check runs per presented frame: here it first sees a time a bit past the out-point (4.0 s).
    video.advanceTo(4.03);
    expect(video.paused).toBe(true);
    expect(frameAt(pal, video.currentTime)).toBe(100);
    expect(Math.abs(video.currentTime - 4.0)).toBeLessThan(1 / 25);
  });

  it('does not stop again when playing on from the out-point or from after it', () => {
    const playback = new ClipPlayback(video, pal, { inFrame: 0, outFrame: 50 });
    playback.attach();
    video.loadMetadata();
    video.advanceTo(2.01);
    expect(video.paused).toBe(true);
    playback.play();
    video.advanceTo(2.5);
    video.advanceTo(3.0);
    expect(video.paused).toBe(false);
    // Seek back before the out-point and play: the out-point stops it again.
    playback.seekFrame(10);
    video.dispatchEvent(new Event('seeked'));
    video.advanceTo(1.5);
    video.advanceTo(2.02);
    expect(video.paused).toBe(true);
    expect(frameAt(pal, video.currentTime)).toBe(50);
  });

  it('steps one frame at the exact file rate, pausing first', () => {
    const frames: number[] = [];
    video.duration = 60;
    const playback = new ClipPlayback(video, ntsc, { inFrame: 300, outFrame: 600 }, (f) => frames.push(f));
    playback.attach();
    video.loadMetadata();
    expect(video.paused).toBe(false);
    playback.handle('nextFrame');
    expect(video.paused).toBe(true);
    expect(frameAt(ntsc, video.currentTime)).toBe(301);
    playback.handle('nextFrame');
    playback.handle('nextFrame');
    expect(frameAt(ntsc, video.currentTime)).toBe(303);
    // 303 frames at 30000/1001 is 10.1101 s, not 303/29.97 = 10.11011…: exact, not rounded.
    expect(video.currentTime).toBeCloseTo((303 * 1001) / 30000, 3);
    for (let i = 0; i < 10; i++) playback.handle('previousFrame');
    expect(frameAt(ntsc, video.currentTime)).toBe(293);
    expect(frames.at(-1)).toBe(293);
  });

  it('never steps before the first frame or past the last', () => {
    const playback = new ClipPlayback(video, pal, { inFrame: 0, outFrame: 10 }, undefined, false);
    playback.attach();
    video.loadMetadata();
    playback.step(-1);
    expect(video.currentTime).toBe(0);
    playback.seekFrame(10_000);
    expect(frameAt(pal, video.currentTime)).toBe(249); // 10 s at 25 fps: frames 0–249
  });

  it('space toggles, K stops, L plays faster each press, J steps backward over time', () => {
    vi.useFakeTimers();
    const playback = new ClipPlayback(video, pal, { inFrame: 100, outFrame: 200 }, undefined, false);
    playback.attach();
    video.loadMetadata();
    expect(video.paused).toBe(true);
    playback.handle('toggle');
    expect(video.paused).toBe(false);
    playback.handle('toggle');
    expect(video.paused).toBe(true);

    playback.handle('forward');
    expect(video.paused).toBe(false);
    expect(video.playbackRate).toBe(1);
    playback.handle('forward');
    playback.handle('forward');
    expect(video.playbackRate).toBe(4);
    expect(playback.shuttle).toBe(4);
    playback.handle('stop');
    expect(video.paused).toBe(true);
    expect(video.playbackRate).toBe(1);

    const start = video.currentTime;
    playback.handle('reverse');
    expect(video.paused).toBe(true);
    expect(playback.shuttle).toBe(-1);
    vi.advanceTimersByTime(1000);
    expect(start - video.currentTime).toBeGreaterThan(0.5);
    playback.handle('reverse');
    expect(playback.shuttle).toBe(-2);
    playback.handle('stop');
    expect(playback.shuttle).toBe(0);
    const stopped = video.currentTime;
    vi.advanceTimersByTime(500);
    expect(video.currentTime).toBe(stopped);
  });

  it('stops listening when detached', () => {
    const onFrame = vi.fn();
    const detach = new ClipPlayback(video, pal, { inFrame: 0, outFrame: 10 }, onFrame).attach();
    detach();
    video.loadMetadata();
    video.advanceTo(1);
    expect(onFrame).not.toHaveBeenCalled();
    expect(video.play).not.toHaveBeenCalled();
  });
});
