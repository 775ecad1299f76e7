import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Response } from 'express';
import { ApiQueryFrom } from '../http/openapi';
import { parseQuery } from '../http/query';
import { ExportQuerySchema } from './export.queries';
import { ExportService } from './export.service';

@ApiTags('export')
@Controller('api/exports')
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  @Get()
  @UseGuards(ThrottlerGuard)
  @ApiOperation({
    summary:
      'The clips of an episode (episode=) or of a search (q, tag, player, project, year, status) as CSV, CMX3600 EDL, FCPXML 1.10 or JSON',
  })
  @ApiQueryFrom(ExportQuerySchema, {
    format: 'csv, edl, fcpxml or json (required)',
    rate: 'timeline rate for EDL/FCPXML: 25, 29.97, 59.94, 30000/1001 … (default: the first clip’s)',
    drop_frame: 'true/false (default true at 29.97 and 59.94)',
  })
  @ApiProduces('text/csv', 'text/plain', 'application/xml', 'application/json')
  @ApiResponse({ status: 200, description: 'the export, as an attachment' })
  async export(@Query() query: unknown, @Res() res: Response): Promise<void> {
    const file = await this.exports.export(parseQuery(ExportQuerySchema, query));
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.status(200).send(file.body);
  }
}
