import { Module } from '@nestjs/common';
import { ParseFilenameHandler } from './parse-filename.handler';

@Module({ providers: [ParseFilenameHandler] })
export class ParseModule {}
