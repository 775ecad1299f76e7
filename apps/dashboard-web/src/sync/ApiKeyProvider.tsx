import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { ReactNode, createContext, useCallback, useContext, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { storeApiKey, storedApiKey } from './api-key';

type WithKey = <T>(action: (apiKey: string) => Promise<T>) => Promise<T>;

const ApiKeyContext = createContext<{ withKey: WithKey; forget: () => void } | null>(null);

/** Thrown when the operator closes the key dialog: the action is simply not done. */
export class KeyCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'KeyCancelled';
  }
}

/**
 * Asks for the operator API key the first time an action needs it, keeps it
 * in sessionStorage, and asks again (once per action) when the API refuses it.
 */
export function ApiKeyProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [prompt, setPrompt] = useState<{ rejected: boolean } | null>(null);
  const [value, setValue] = useState('');
  const pending = useRef<{ resolve: (key: string) => void; reject: (e: Error) => void } | null>(null);

  const ask = useCallback((rejected: boolean) => {
    setValue('');
    setPrompt({ rejected });
    return new Promise<string>((resolve, reject) => {
      pending.current = { resolve, reject };
    });
  }, []);

  const withKey = useCallback<WithKey>(
    async (action) => {
      let key = storedApiKey() ?? (await ask(false));
      try {
        return await action(key);
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 401) throw error;
        storeApiKey(null);
        key = await ask(true);
        return await action(key);
      }
    },
    [ask],
  );

  const close = (key: string | null) => {
    setPrompt(null);
    const waiting = pending.current;
    pending.current = null;
    if (key) {
      storeApiKey(key);
      waiting?.resolve(key);
    } else {
      waiting?.reject(new KeyCancelled());
    }
  };

  return (
    <ApiKeyContext.Provider value={{ withKey, forget: () => storeApiKey(null) }}>
      {children}
      <Modal opened={prompt !== null} onClose={() => close(null)} title={t('apiKey.title')} centered>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (value.trim()) close(value.trim());
          }}
        >
          <Stack>
            <Text size="sm">{t('apiKey.explain')}</Text>
            <PasswordInput
              label={t('apiKey.label')}
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              error={prompt?.rejected ? t('apiKey.rejected') : undefined}
              autoComplete="off"
              data-autofocus
              data-testid="api-key-input"
              required
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => close(null)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" data-testid="api-key-submit">
                {t('apiKey.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </ApiKeyContext.Provider>
  );
}

export function useApiKey() {
  const context = useContext(ApiKeyContext);
  if (!context) throw new Error('useApiKey outside ApiKeyProvider');
  return context;
}
