import { Alert, Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Shown when the browser cannot play a file (a codec it lacks): offer the file itself instead. */
export function CannotPlay({ src }: { src: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" role="alert" title={t('player.cannotPlay')}>
      <Anchor href={src} download>
        {t('player.download')}
      </Anchor>
    </Alert>
  );
}
