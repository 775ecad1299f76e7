import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { frameAt, frameClock } from '../timecode/frame-clock';
import { clipFixture } from '../test/fixtures';
import { renderPage } from '../test/render';
import { ClipPlayer } from './ClipPlayer';

/** jsdom has no media pipeline: give the <video> a clock the test moves, and play/pause that flip `paused`. */
function driveVideo(video: HTMLVideoElement) {
  let time = 0;
  let paused = true;
  Object.defineProperties(video, {
    currentTime: { get: () => time, set: (v: number) => void (time = v), configurable: true },
    paused: { get: () => paused, configurable: true },
    duration: { get: () => 120, configurable: true },
    readyState: { get: () => 1, configurable: true },
  });
  video.play = vi.fn(() => {
    paused = false;
    video.dispatchEvent(new Event('play'));
    return Promise.resolve();
  });
  video.pause = vi.fn(() => {
    paused = true;
    video.dispatchEvent(new Event('pause'));
  });
  return {
    loaded: () => act(() => void video.dispatchEvent(new Event('loadedmetadata'))),
    playTo: (seconds: number) =>
      act(() => {
        time = seconds;
        video.dispatchEvent(new Event('timeupdate'));
      }),
  };
}

describe('ClipPlayer', () => {
  const clip = clipFixture();
  const clock = frameClock(clip.frame_rate, clip.drop_frame)!;
  let writeText: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  });
  afterEach(() => vi.restoreAllMocks());

  function setup() {
    const view = renderPage(
      <ClipPlayer clip={clip} clock={clock} src="/api/files/f1/stream" link="http://x/clips/c1" />,
    );
    const video = screen.getByTestId('player') as HTMLVideoElement;
    const drive = driveVideo(video);
    return { view, video, drive };
  }

  it('offers the file for download when the browser cannot play it', async () => {
    const { video } = setup();
    expect(screen.queryByRole('alert')).toBeNull();
    act(() => void video.dispatchEvent(new Event('error')));
    const alert = await screen.findByRole('alert');
    expect(alert.querySelector('a[download]')?.getAttribute('href')).toBe('/api/files/f1/stream');
  });

  it('streams the file from the API and opens at the in-point, showing its drop-frame timecode', async () => {
    const { video, drive } = setup();
    expect(video.getAttribute('src')).toBe('/api/files/f1/stream');
    expect(screen.getByTestId('timecode')).toHaveTextContent('00:01:00;02');
    drive.loaded();
    expect(frameAt(clock, video.currentTime)).toBe(1800);
    expect(video.play).toHaveBeenCalled();
    expect(screen.getByRole('button', { name: /00:01:00;02/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /00:01:03;02/ })).toBeInTheDocument();
    expect(screen.getByText(/29\.97 fps DF/)).toBeInTheDocument();
  });

  it('steps one frame with ← and → and shows the new timecode', async () => {
    const { video, drive } = setup();
    drive.loaded();
    await userEvent.keyboard('{ArrowRight}');
    expect(video.pause).toHaveBeenCalled();
    expect(frameAt(clock, video.currentTime)).toBe(1801);
    expect(screen.getByTestId('timecode')).toHaveTextContent('00:01:00;03');
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}{ArrowLeft}');
    expect(frameAt(clock, video.currentTime)).toBe(1798);
    // Back across the minute: 00:00:59;28 (no label was dropped at minute 0… the labels before ;02 at minute 1 do not exist).
    expect(screen.getByTestId('timecode')).toHaveTextContent('00:00:59;28');
  });

  it('pauses at the out-point and shows the out timecode', async () => {
    const { video, drive } = setup();
    drive.loaded();
    drive.playTo(62);
    expect(video.paused).toBe(false);
    drive.playTo(63.1);
    expect(video.paused).toBe(true);
    expect(frameAt(clock, video.currentTime)).toBe(1890);
    expect(screen.getByTestId('timecode')).toHaveTextContent('00:01:03;02');
  });

  it('toggles with space and shuttles with J/K/L', async () => {
    const { video, drive } = setup();
    drive.loaded();
    expect(video.paused).toBe(false);
    await userEvent.keyboard(' ');
    expect(video.paused).toBe(true);
    await userEvent.keyboard('l');
    expect(video.paused).toBe(false);
    await userEvent.keyboard('l');
    expect(video.playbackRate).toBe(2);
    expect(screen.getByTestId('play-toggle')).toHaveTextContent('2×');
    await userEvent.keyboard('k');
    expect(video.paused).toBe(true);
    await userEvent.keyboard('j');
    expect(screen.getByTestId('play-toggle')).toHaveTextContent('-1×');
    await userEvent.keyboard('k');
  });

  it('leaves keys typed in a text field alone', async () => {
    const { video, drive } = setup();
    drive.loaded();
    const input = document.createElement('input');
    document.body.appendChild(input);
    input.focus();
    fireEvent.keyDown(input, { key: 'ArrowRight' });
    fireEvent.keyDown(input, { key: ' ' });
    expect(video.pause).not.toHaveBeenCalled();
    expect(frameAt(clock, video.currentTime)).toBe(1800);
    input.remove();
  });

  it('copies the current timecode and the link', async () => {
    const { drive } = setup();
    drive.loaded();
    await userEvent.keyboard('{ArrowRight}');
    await userEvent.click(screen.getByTestId('copy-timecode'));
    expect(writeText).toHaveBeenLastCalledWith('00:01:00;03');
    expect(await screen.findByText('Copied')).toBeInTheDocument();
    await userEvent.click(screen.getByTestId('copy-link'));
    expect(writeText).toHaveBeenLastCalledWith('http://x/clips/c1');
  });

  it('labels non-drop rates with colons', () => {
    const pal = frameClock('25/1')!;
    const palClip = clipFixture({
      frame_rate: '25/1',
      drop_frame: false,
      in: { frame: 25, seconds: 1, smpte: '00:00:01:00', text: '1' },
      out: { frame: 100, seconds: 4, smpte: '00:00:04:00', text: '4' },
    });
    renderPage(<ClipPlayer clip={palClip} clock={pal} src="/s" link="/l" />);
    expect(screen.getByTestId('timecode')).toHaveTextContent('00:00:01:00');
    expect(screen.getByText(/25 fps/)).toBeInTheDocument();
  });
});
