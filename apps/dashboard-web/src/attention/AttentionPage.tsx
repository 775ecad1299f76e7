import { Anchor, Badge, Group, List, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useRows, useRowsSummary, useUnmatchedFiles } from '../api/queries';
import type { RowItem, RowOutcome } from '../api/types';
import { usePageTitle } from '../app/usePageTitle';
import { QueryState } from '../ui/QueryState';
import { sheetName, sheetRowUrl } from '../ui/format';

const FILTERS = ['attention', 'unmatched', 'pending', 'invalid', 'duplicate'] as const;
type Filter = (typeof FILTERS)[number];

const COLORS: Record<RowOutcome, string> = {
  unmatched: 'orange',
  pending: 'yellow',
  invalid: 'red',
  duplicate: 'grape',
  clip: 'green',
  removed: 'gray',
};

/** What needs an editor: files the catalog placed nowhere, and sheet rows that are unmatched, pending or invalid. */
export default function AttentionPage() {
  const { t } = useTranslation();
  usePageTitle(t('attention.title'));
  const [filter, setFilter] = useState<Filter>('attention');
  const rows = useRows(filter === 'attention' ? undefined : filter);
  const summary = useRowsSummary();
  const files = useUnmatchedFiles();
  const count = (f: Filter): number | undefined => {
    const s = summary.data;
    if (!s) return undefined;
    const outcome = (name: keyof typeof s.outcomes) => s.outcomes[name] ?? 0;
    if (f === 'duplicate') return s.sheet.duplicate;
    if (f === 'invalid') return outcome('invalid') + s.sheet.invalid;
    if (f === 'attention') return outcome('unmatched') + outcome('pending') + outcome('invalid') + s.sheet.invalid;
    return outcome(f);
  };

  return (
    <Stack gap="lg">
      <Title order={2}>{t('attention.title')}</Title>
      <section aria-labelledby="attention-rows">
        <Title order={3} id="attention-rows" mb="xs">
          {t('attention.rows')}
        </Title>
        <SegmentedControl
          aria-label={t('attention.filter')}
          value={filter}
          onChange={(v) => setFilter(v as Filter)}
          data={FILTERS.map((f) => ({
            value: f,
            label:
              count(f) === undefined ? t(`attention.filters.${f}`) : `${t(`attention.filters.${f}`)} (${count(f)})`,
          }))}
          mb="sm"
        />
        <QueryState query={rows}>
          {(page) =>
            page.items.length === 0 ? <Text c="dimmed">{t('attention.noRows')}</Text> : <RowTable rows={page.items} />
          }
        </QueryState>
      </section>
      <section aria-labelledby="attention-files">
        <Title order={3} id="attention-files" mb="xs">
          {t('attention.unmatchedFiles')}
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          {t('attention.unmatchedFilesHelp')}
        </Text>
        <QueryState query={files}>
          {(page) =>
            page.items.length === 0 ? (
              <Text c="dimmed">{t('attention.noFiles')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={560}>
                <Table striped data-testid="unmatched-files">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('file.name')}</Table.Th>
                      <Table.Th>{t('file.path')}</Table.Th>
                      <Table.Th>{t('file.project')}</Table.Th>
                      <Table.Th>{t('file.clips')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {page.items.map((f) => (
                      <Table.Tr key={f.id} data-testid="unmatched-file">
                        <Table.Td>
                          <Anchor component={Link} to={`/files/${encodeURIComponent(f.id)}`}>
                            {f.file_name}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          <Text size="xs" c="dimmed">
                            {f.root}/{f.path}
                          </Text>
                        </Table.Td>
                        <Table.Td>{f.project_code ?? '—'}</Table.Td>
                        <Table.Td>{f.clips}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </QueryState>
      </section>
    </Stack>
  );
}

function RowTable({ rows }: { rows: RowItem[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped data-testid="attention-rows">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('attention.outcome')}</Table.Th>
            <Table.Th>{t('attention.sheetRow')}</Table.Th>
            <Table.Th>{t('file.name')}</Table.Th>
            <Table.Th>{t('attention.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => {
            const url = sheetRowUrl(r.sheet_id, r.row_number, r.tab);
            const where = `${sheetName(r.sheet_id)}${r.tab ? ` / ${r.tab}` : ''} · ${t('attention.row', { row: r.row_number })}`;
            const reasons = [...new Set([r.reason, ...r.reasons].filter((x): x is string => !!x))];
            return (
              <Table.Tr
                key={`${r.stage}:${r.sheet_id}:${r.tab}:${r.row_number}:${r.row_key ?? ''}`}
                data-testid="attention-row"
                data-outcome={r.outcome}
                data-row={r.row_number}
              >
                <Table.Td>
                  <Badge color={COLORS[r.outcome]} variant="light">
                    {t(`outcomes.${r.outcome}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {url ? (
                    <Anchor href={url} target="_blank" rel="noreferrer">
                      {where}
                    </Anchor>
                  ) : (
                    where
                  )}
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  {r.clip_id ? (
                    <Anchor component={Link} to={`/clips/${encodeURIComponent(r.clip_id)}`}>
                      {r.file_name ?? t('attention.openClip')}
                    </Anchor>
                  ) : (
                    (r.file_name ?? '—')
                  )}
                  {r.nas_folder_link && (
                    <Text size="xs" c="dimmed">
                      {r.nas_folder_link}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {reasons.length > 1 ? (
                    <List size="sm">
                      {reasons.map((x) => (
                        <List.Item key={x}>{x}</List.Item>
                      ))}
                    </List>
                  ) : (
                    <Text size="sm">{reasons[0] ?? '—'}</Text>
                  )}
                  {r.outcome === 'duplicate' && r.duplicate_of !== null && (
                    <Text size="xs" c="dimmed">
                      {t('attention.duplicateOf', { row: r.duplicate_of })}
                    </Text>
                  )}
                  {r.outcome === 'pending' && (
                    <Group gap={4}>
                      <Text size="xs" c="dimmed">
                        {t('attention.attempts', { count: r.attempts })}
                      </Text>
                      {r.last_error && (
                        <Text size="xs" c="red">
                          {r.last_error}
                        </Text>
                      )}
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
