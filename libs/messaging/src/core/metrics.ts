import { Counter, Histogram, register } from 'prom-client';

function counter(name: string, help: string, labelNames: string[]): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string>) ?? new Counter({ name, help, labelNames });
}

function histogram(name: string, help: string, labelNames: string[], buckets: number[]): Histogram<string> {
  return (register.getSingleMetric(name) as Histogram<string>) ?? new Histogram({ name, help, labelNames, buckets });
}

/** Bus metrics in the default registry, created once per process (tests start many buses). */
export function busMetrics() {
  return {
    handled: counter('pokervod_events_handled_total', 'Events taken off the queue, by outcome', [
      'app',
      'type',
      'outcome',
    ]),
    handleSeconds: histogram(
      'pokervod_event_handle_seconds',
      'Time from delivery to ack',
      ['app', 'type'],
      [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    ),
    batchSize: histogram(
      'pokervod_event_batch_size',
      'Deliveries per batch transaction (handlers registered with batch)',
      ['app'],
      [1, 2, 4, 8, 16, 32, 64, 128],
    ),
    published: counter('pokervod_events_published_total', 'Events confirmed by the broker', ['app', 'type']),
    deadLettered: counter('pokervod_dead_letters_total', 'Messages sent to the dead-letter queue', ['app']),
    commands: counter('pokervod_commands_total', 'Commands answered, by outcome', ['app', 'command', 'outcome']),
  };
}
export type BusMetrics = ReturnType<typeof busMetrics>;
