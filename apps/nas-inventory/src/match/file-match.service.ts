import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CommandResponse } from '@pokervod/contracts';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import type { NasConfig } from '../nas-inventory.config';
import { InventoryRepository } from '../inventory/inventory.repository';
import { toVideoFile } from '../scan/scan-engine';
import { isLookupKeysError, lookupKeys } from './file-candidates';
import { NasRoot, parseNasRoots } from '@pokervod/nas-roots';
import { PathPrefix, parsePathPrefixes } from './nas-roots';
import { isPathFormError, toRootRelative } from './path-forms';

type MatchResult = CommandResponse<'nas.match_file_path'>;

/**
 * Block A's `match_file_path(path)` (docs/architecture.md#commands): the
 * inventory file a sheet's folder link and file name mean, in any of the forms
 * sheets hold (POSIX, UNC, smb://, file://, drive letters), or why there is
 * none. Only the inventory is read: no input ever reaches the file system.
 */
@Injectable()
export class FileMatchService {
  private readonly roots: NasRoot[];
  private readonly prefixes: PathPrefix[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: InventoryRepository,
    @Inject(SERVICE_CONFIG) private readonly config: NasConfig,
  ) {
    this.roots = parseNasRoots(config.NAS_ROOTS);
    this.prefixes = parsePathPrefixes(config.NAS_PATH_PREFIXES, this.roots);
  }

  async match({ path, file_name }: { path: string; file_name?: string }): Promise<MatchResult> {
    const target = toRootRelative(path, this.roots, this.prefixes);
    if (isPathFormError(target)) return { found: false, reason: `${target.error}: ${target.detail}` };
    const keys = lookupKeys(target, file_name, this.config.NAS_VIDEO_EXTENSIONS);
    if (isLookupKeysError(keys)) return { found: false, reason: `${keys.error}: ${keys.detail}` };
    const file = await this.repository.findForMatch(this.dataSource.manager, keys);
    if (file === 'ambiguous')
      return { found: false, reason: `several files are named "${keys.fileName}" under ${keys.root}` };
    if (!file) return { found: false, reason: `no file ${keys.path} under root ${keys.root}` };
    return { found: true, file: toVideoFile(file) };
  }
}
