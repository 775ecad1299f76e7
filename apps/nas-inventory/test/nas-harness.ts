import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startServiceApp } from '@pokervod/service-kit';
import { TestWorld, testWorld } from '@pokervod/test-world';
import { AppModule } from '../src/app.module';
import { nasConfigSchema } from '../src/nas-inventory.config';

/** A test world with a temp folder for the app's one root, `media`. */
export interface NasWorld extends TestWorld {
  root: string;
}

export async function nasWorld(prefix: string): Promise<NasWorld> {
  const world = await testWorld(prefix);
  const root = mkdtempSync(path.join(tmpdir(), `pokervod-${prefix}-`));
  return {
    ...world,
    root,
    cleanUp: async () => {
      await world.cleanUp();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * The real NAS inventory app, in this process, on a free port, pointed at the
 * world: its root folder as `media`, no file watcher, files stable at once.
 */
export function startNas(world: Pick<NasWorld, 'env' | 'root'>, env: Record<string, string> = {}) {
  return startServiceApp('nas-inventory', nasConfigSchema, (config) => AppModule.register(config), {
    ...world.env,
    NAS_ROOTS: `media=${world.root}`,
    NAS_WATCH: 'false',
    NAS_STABLE_SECONDS: '0',
    ...env,
  });
}
