import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { shutdownTelemetry } from '@pokervod/telemetry';

/** Sends the last batch of spans before the process exits. */
@Injectable()
export class TelemetryFlush implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return shutdownTelemetry();
  }
}
