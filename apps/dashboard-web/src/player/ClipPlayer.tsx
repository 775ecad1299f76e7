import { Anchor, Button, Group, Kbd, Stack, Text, Tooltip } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Clip } from '../api/types';
import { FrameClock, frameAt, rateLabel, smpteOf } from '../timecode/frame-clock';
import { CopyButton } from '../ui/CopyButton';
import { ClipPlayback, keyAction } from './clip-playback';
import classes from './ClipPlayer.module.css';
import { CannotPlay } from './CannotPlay';

export interface ClipPlayerProps {
  clip: Clip;
  clock: FrameClock;
  /** Where the video comes from: the API's Range-capable stream of the clip's file. */
  src: string;
  onPrevious?: () => void;
  onNext?: () => void;
  /** The clip's deep link, for the copy-link button. */
  link: string;
  autoPlay?: boolean;
}

/** Frame of a clip timecode: the API gives frames; older rows may carry only seconds. */
export function clipFrame(clock: FrameClock, tc: Clip['in']): number {
  if (tc.frame !== null && tc.frame !== undefined) return tc.frame;
  return tc.seconds !== null && tc.seconds !== undefined ? frameAt(clock, tc.seconds) : 0;
}

/** Keys typed into a form control belong to it, not to the player. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function ClipPlayer({ clip, clock, src, onPrevious, onNext, link, autoPlay = true }: ClipPlayerProps) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [playback, setPlayback] = useState<ClipPlayback | null>(null);
  const inFrame = clipFrame(clock, clip.in);
  const outFrame = Math.max(inFrame, clipFrame(clock, clip.out));
  const [frame, setFrame] = useState(inFrame);
  const [shuttle, setShuttle] = useState(0);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    const controller = new ClipPlayback(
      element,
      clock,
      { inFrame, outFrame },
      (f) => {
        setFrame(f);
        setShuttle(controller.shuttle);
      },
      autoPlay,
    );
    setPlayback(controller);
    return controller.attach();
  }, [clock, inFrame, outFrame, autoPlay]);

  useEffect(() => {
    if (!playback) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      // Space on a focused button presses that button.
      if (event.key === ' ' && event.target instanceof HTMLElement && event.target.closest('button, a')) return;
      const action = keyAction(event.key);
      if (!action) return;
      event.preventDefault();
      playback.handle(action);
    };
    // Capture: the video's own controls must not also act on the key.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [playback]);

  const timecode = useMemo(() => smpteOf(clock, frame), [clock, frame]);
  const playing = shuttle !== 0;

  return (
    <Stack gap="sm">
      <div className={classes.frame}>
        <video
          ref={video}
          className={classes.video}
          src={src}
          controls
          preload="auto"
          playsInline
          data-testid="player"
          aria-label={t('player.videoLabel', { title: clip.file?.file_name ?? '' })}
          onError={() => setFailed(true)}
        />
      </div>
      {failed && <CannotPlay src={src} />}
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap={6} wrap="wrap" role="group" aria-label={t('player.controls')}>
          <Button variant="default" size="xs" onClick={onPrevious} disabled={!onPrevious} data-testid="clip-previous">
            ‹ {t('player.previousClip')}
          </Button>
          <Tooltip label={<Kbd>←</Kbd>}>
            <Button
              variant="default"
              size="xs"
              onClick={() => playback?.step(-1)}
              aria-label={t('player.previousFrame')}
            >
              −1
            </Button>
          </Tooltip>
          <Button size="xs" onClick={() => playback?.toggle()} data-testid="play-toggle" miw={90}>
            {playing ? t('player.pause') : t('player.play')}
            {Math.abs(shuttle) > 1 || shuttle < 0 ? ` ${shuttle}×` : ''}
          </Button>
          <Tooltip label={<Kbd>→</Kbd>}>
            <Button variant="default" size="xs" onClick={() => playback?.step(1)} aria-label={t('player.nextFrame')}>
              +1
            </Button>
          </Tooltip>
          <Button variant="default" size="xs" onClick={onNext} disabled={!onNext} data-testid="clip-next">
            {t('player.nextClip')} ›
          </Button>
        </Group>
        <Group gap="sm" wrap="nowrap">
          <output className={classes.timecode} data-testid="timecode" aria-label={t('player.currentTimecode')}>
            {timecode}
          </output>
          <CopyButton label={t('player.copyTimecode')} value={() => timecode} testId="copy-timecode" />
          <CopyButton label={t('player.copyLink')} value={() => link} testId="copy-link" />
        </Group>
      </Group>
      <Group gap="lg" wrap="wrap">
        <Text size="sm">
          {t('player.in')}{' '}
          <Anchor component="button" type="button" ff="monospace" onClick={() => playback?.seekFrame(inFrame)}>
            {smpteOf(clock, inFrame)}
          </Anchor>
        </Text>
        <Text size="sm">
          {t('player.out')}{' '}
          <Anchor component="button" type="button" ff="monospace" onClick={() => playback?.seekFrame(outFrame)}>
            {smpteOf(clock, outFrame)}
          </Anchor>
        </Text>
        <Text size="sm" c="dimmed">
          {t('player.frame', { frame })} · {rateLabel(clock)}
        </Text>
      </Group>
      <Text size="xs" c="dimmed">
        <Kbd>Space</Kbd> {t('player.keys.toggle')} · <Kbd>J</Kbd> <Kbd>K</Kbd> <Kbd>L</Kbd> {t('player.keys.shuttle')} ·{' '}
        <Kbd>←</Kbd> <Kbd>→</Kbd> {t('player.keys.frame')}
      </Text>
    </Stack>
  );
}
