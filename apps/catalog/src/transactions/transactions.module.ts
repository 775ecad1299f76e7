import { Module } from '@nestjs/common';
import { CommitHooks } from './commit-hooks';

@Module({ providers: [CommitHooks], exports: [CommitHooks] })
export class TransactionsModule {}
