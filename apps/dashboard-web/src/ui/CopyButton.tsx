import { Button } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from './copy-text';

/** A button that copies `value()` and says so for two seconds (announced to screen readers). */
export function CopyButton({ label, value, testId }: { label: string; value: () => string; testId?: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <Button
      variant="default"
      size="xs"
      data-testid={testId}
      onClick={() => void copyText(value()).then((ok) => setState(ok ? 'copied' : 'failed'))}
      color={state === 'failed' ? 'red' : undefined}
    >
      <span aria-live="polite">
        {state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : label}
      </span>
    </Button>
  );
}
