import { Inject, Injectable } from '@nestjs/common';
import { stat } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import type { ApiConfig } from '../api.config';
import { contentTypeOf } from '../browse/content-type';
import { ApiError, notFound } from '../http/api-error';
import { DbGate } from '../http/db-gate';
import { NasRoot, parseNasRoots } from '@pokervod/nas-roots';
import { resolveUnderRoot } from './nas-roots';

export interface Playable {
  /** Absolute path on this machine, under a configured root. */
  path: string;
  size: number;
  mtime: Date;
  contentType: string;
  etag: string;
  fileName: string;
}

/**
 * Which bytes to serve for a file id: only files the read model holds,
 * present, at their inventory root + path resolved under this machine's
 * NAS_ROOTS. Nothing of the request but the id ever reaches the file system.
 */
@Injectable()
export class StreamService {
  private readonly roots: NasRoot[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly gate: DbGate,
    @Inject(SERVICE_CONFIG) config: ApiConfig,
  ) {
    this.roots = parseNasRoots(config.NAS_ROOTS);
  }

  async playable(fileId: string): Promise<Playable> {
    const [file] = (await this.gate.run(() =>
      this.dataSource.query(`SELECT id, root, path, file_name, status FROM search.files WHERE id = $1`, [fileId]),
    )) as { id: string; root: string; path: string; file_name: string; status: string }[];
    if (!file) throw notFound(`file ${fileId}`);
    if (file.status !== 'present') throw new ApiError('not_found', `file ${fileId} is missing from the NAS`);
    const path = await resolveUnderRoot(this.roots, file.root, file.path);
    if (!path) throw new ApiError('not_found', `file ${fileId} is not reachable under this server's NAS roots`);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) throw new ApiError('not_found', `file ${fileId} is not on the NAS any more`);
    return {
      path,
      size: info.size,
      mtime: info.mtime,
      contentType: contentTypeOf(file.file_name),
      // Strong: changes with the bytes' size or time, and differs per file.
      etag: `"${file.id.slice(0, 8)}-${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`,
      fileName: file.file_name,
    };
  }

  /** Where a clip plays: its file's stream with the clip's media fragment in seconds. */
  async clipLocation(clipId: string): Promise<string> {
    const [clip] = (await this.gate.run(() =>
      this.dataSource.query(
        `SELECT video_file_id, in_frame, out_frame, rate_num, rate_den FROM search.clips WHERE id = $1`,
        [clipId],
      ),
    )) as {
      video_file_id: string | null;
      in_frame: string | null;
      out_frame: string | null;
      rate_num: number;
      rate_den: number;
    }[];
    if (!clip) throw notFound(`clip ${clipId}`);
    if (!clip.video_file_id || clip.in_frame === null || clip.out_frame === null)
      throw new ApiError('not_found', `clip ${clipId} has no playable file or in/out points`);
    const seconds = (frame: string) => ((Number(frame) * clip.rate_den) / clip.rate_num).toFixed(3);
    return `/api/files/${clip.video_file_id}/stream#t=${seconds(clip.in_frame)},${seconds(clip.out_frame)}`;
  }
}
