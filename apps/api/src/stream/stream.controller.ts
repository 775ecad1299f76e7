import { Controller, Get, Head, Param, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import { ApiError } from '../http/api-error';
import { parseQuery } from '../http/query';
import { IdParamSchema } from '../browse/browse.queries';
import { parseRange } from './byte-range';
import { Playable, StreamService } from './stream.service';

/** `If-None-Match` / `If-Modified-Since`: the client's copy is current. */
function notModified(req: Request, file: Playable): boolean {
  const match = req.header('if-none-match');
  if (match !== undefined) return match.split(',').some((t) => t.trim() === file.etag || t.trim() === '*');
  const since = req.header('if-modified-since');
  return since !== undefined && Math.floor(file.mtime.getTime() / 1000) <= Math.floor(Date.parse(since) / 1000);
}

/** `If-Range` that no longer matches: the client must get the whole new file, not a piece of it. */
function rangeStale(req: Request, file: Playable): boolean {
  const ifRange = req.header('if-range');
  if (ifRange === undefined) return false;
  if (ifRange.startsWith('"') || ifRange.startsWith('W/')) return ifRange !== file.etag;
  return Math.floor(file.mtime.getTime() / 1000) !== Math.floor(Date.parse(ifRange) / 1000);
}

@ApiTags('play')
@Controller('api')
@UseGuards(ThrottlerGuard)
export class StreamController {
  constructor(private readonly streams: StreamService) {}

  @Get('files/:id/stream')
  @Head('files/:id/stream')
  @ApiOperation({ summary: 'The video, with HTTP Range (206), ETag, Last-Modified; only files the inventory holds' })
  @ApiResponse({ status: 206, description: 'the bytes asked for' })
  @ApiResponse({ status: 416, description: 'range outside the file' })
  async file(@Param() params: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const file = await this.streams.playable(parseQuery(IdParamSchema, params).id);
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('ETag', file.etag);
    res.setHeader('Last-Modified', file.mtime.toUTCString());
    res.setHeader('Cache-Control', 'private, max-age=0, must-revalidate');
    if (notModified(req, file)) {
      res.status(304).end();
      return;
    }
    const wanted = rangeStale(req, file) ? { kind: 'full' as const } : parseRange(req.header('range'), file.size);
    if (wanted.kind === 'unsatisfiable')
      throw new ApiError('range_not_satisfiable', `the file has ${file.size} bytes`, undefined, {
        'Content-Range': `bytes */${file.size}`,
      });
    const { start, end } = wanted.kind === 'range' ? wanted.range : { start: 0, end: file.size - 1 };
    res.status(wanted.kind === 'range' ? 206 : 200);
    if (wanted.kind === 'range') res.setHeader('Content-Range', `bytes ${start}-${end}/${file.size}`);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Length', String(Math.max(0, end - start + 1)));
    res.setHeader('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    if (req.method === 'HEAD' || file.size === 0) {
      res.end();
      return;
    }
    // A client that goes away (seeking, closing the player) ends the read too.
    await pipeline(createReadStream(file.path, { start, end }), res).catch(() => res.destroy());
  }

  @Get('clips/:id/stream')
  @ApiOperation({ summary: 'Redirects to the clip’s file with a media fragment #t=<in>,<out> (seconds)' })
  @ApiResponse({ status: 302, description: 'Location: /api/files/<id>/stream#t=in,out' })
  async clip(@Param() params: unknown, @Res() res: Response): Promise<void> {
    res.redirect(302, await this.streams.clipLocation(parseQuery(IdParamSchema, params).id));
  }
}
