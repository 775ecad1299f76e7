// Imported first by main.ts: OpenTelemetry must patch http, pg and amqplib before they load.
import { startTelemetry } from '@pokervod/telemetry';

startTelemetry('dashboard');
