import { Module } from '@nestjs/common';
import { StreamController } from './stream.controller';
import { StreamService } from './stream.service';

/** Play: files by id with HTTP Range, clips as media fragments. */
@Module({ controllers: [StreamController], providers: [StreamService] })
export class StreamModule {}
