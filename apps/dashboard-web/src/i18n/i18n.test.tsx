import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Layout } from '../app/Layout';
import { SearchPage } from '../search/SearchPage';
import { searchFixture } from '../test/fixtures';
import { fakeApi, renderRoutes } from '../test/render';
import { en } from './en';
import { ko } from './ko';
import { createI18n } from './i18n';
import { detectLanguage, storedLanguage } from './language';

const routes = [{ element: <Layout />, children: [{ path: '/search', element: <SearchPage /> }] }];

describe('detectLanguage', () => {
  it('follows the browser, and a stored choice over it', () => {
    expect(detectLanguage(null, ['ko-KR', 'en-US'])).toBe('ko');
    expect(detectLanguage(null, ['en-GB', 'ko'])).toBe('en');
    expect(detectLanguage(null, ['fr-FR', 'ko'])).toBe('ko');
    expect(detectLanguage(null, ['de-DE'])).toBe('en');
    expect(detectLanguage(null, [])).toBe('en');
    expect(detectLanguage('ko', ['en-US'])).toBe('ko');
    expect(detectLanguage('xx', ['ko'])).toBe('ko');
  });
});

/** Every key path of a dictionary, e.g. "nav.search". */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)));
}

describe('dictionaries', () => {
  it('have the same keys in English and Korean, none empty', () => {
    expect(keys(ko).sort()).toEqual(keys(en).sort());
    for (const k of keys(ko)) expect(k.split('.').reduce<any>((o, p) => o[p], ko)).not.toBe('');
  });

  it('pluralize in English and not in Korean', () => {
    const i18n = createI18n('en');
    expect(i18n.t('search.results', { count: 1 })).toBe('1 result');
    expect(i18n.t('search.results', { count: 3 })).toBe('3 results');
    void i18n.changeLanguage('ko');
    expect(i18n.t('search.results', { count: 1 })).toBe('결과 1개');
  });
});

describe('language toggle', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('switches the whole page between English and Korean, and remembers the choice', async () => {
    fakeApi({ 'GET /api/search': { body: searchFixture() } });
    renderRoutes(routes, { path: '/search', language: 'en' });
    expect(screen.getByRole('heading', { name: 'Find a hand' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Needs attention' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    expect(await screen.findByText('2 results')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('radio', { name: '한국어' }));
    expect(await screen.findByRole('heading', { name: '핸드 찾기' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '확인 필요' })).toBeInTheDocument();
    expect(screen.getByLabelText('핸드, 플레이어, 태그, 에피소드, 파일 검색')).toBeInTheDocument();
    expect(screen.getByText('결과 2개')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /에피소드/ })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('ko');
    expect(storedLanguage()).toBe('ko');

    await userEvent.click(screen.getByRole('radio', { name: 'English' }));
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
    expect(screen.getByRole('heading', { name: 'Find a hand' })).toBeInTheDocument();
  });

  it('starts in the stored language', () => {
    localStorage.setItem('pokervod.language', 'ko');
    const i18n = createI18n();
    expect(i18n.language).toBe('ko');
  });
});
