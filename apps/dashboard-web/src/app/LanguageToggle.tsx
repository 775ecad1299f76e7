import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** English / 한국어; the choice is remembered (localStorage) and sets <html lang>. */
export function LanguageToggle() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('nav.language')}
      data-testid="language-toggle"
      value={i18n.language === 'ko' ? 'ko' : 'en'}
      onChange={(value) => void i18n.changeLanguage(value)}
      data={[
        { value: 'en', label: 'English' },
        { value: 'ko', label: '한국어' },
      ]}
    />
  );
}
