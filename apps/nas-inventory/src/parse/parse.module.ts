import { Module } from '@nestjs/common';
import { ParseFilenameHandler } from './parse-filename.handler';

@Module({ controllers: [ParseFilenameHandler] })
export class ParseModule {}
