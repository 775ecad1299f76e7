import { Chip, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SearchFilters } from '../api/queries';
import type { Facet, FacetName } from '../api/types';
import { FACET_FILTERS } from './search-params';

interface Props {
  facets: Partial<Record<FacetName, Facet[]>>;
  filters: SearchFilters;
  onToggle: (param: keyof SearchFilters, value: string) => void;
}

/** The search's facets as filters: one group per facet, each value a toggle with its count. */
export function Facets({ facets, filters, onToggle }: Props) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" data-testid="facets">
      <fieldset style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
        <Text component="legend" fw={600} size="sm" mb={6}>
          {t('facets.status')}
        </Text>
        <Group gap={6}>
          {(['valid', 'invalid'] as const).map((value) => (
            <Chip
              key={value}
              size="xs"
              checked={filters.status === value}
              onChange={() => onToggle('status', value)}
              data-testid="facet-status"
              data-value={value}
            >
              {t(`status.${value}`)}
            </Chip>
          ))}
        </Group>
      </fieldset>
      {FACET_FILTERS.map(({ facet, param }) => {
        const selected = filters[param];
        const values = [...(facets[facet] ?? [])];
        // A chosen value stays visible (and can be cleared) even when the narrowed result no longer lists it.
        if (selected && !values.some((v) => v.value === selected)) values.unshift({ value: selected, count: 0 });
        if (values.length === 0) return null;
        return (
          <fieldset key={facet} style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
            <Text component="legend" fw={600} size="sm" mb={6}>
              {t(`facets.${facet}`)}
            </Text>
            <Group gap={6}>
              {values.map((v) => (
                <Chip
                  key={v.value}
                  size="xs"
                  checked={selected === v.value}
                  onChange={() => onToggle(param, v.value)}
                  data-testid={`facet-${param}`}
                  data-value={v.value}
                >
                  {facet === 'kinds' ? t(`kinds.${v.value}`, v.value) : v.value}
                  {v.count > 0 && (
                    <Text span size="xs" c="dimmed" ml={4}>
                      {v.count}
                    </Text>
                  )}
                </Chip>
              ))}
            </Group>
          </fieldset>
        );
      })}
    </Stack>
  );
}
