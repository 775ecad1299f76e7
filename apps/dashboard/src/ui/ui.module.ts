import { DynamicModule, Module } from '@nestjs/common';
import { API_URL, UiController } from './ui.controller';
import { ApiReachability } from './api-reachability';

@Module({})
export class UiModule {
  static register(apiUrl: string): DynamicModule {
    return {
      module: UiModule,
      controllers: [UiController],
      providers: [{ provide: API_URL, useValue: apiUrl }, ApiReachability],
    };
  }
}
