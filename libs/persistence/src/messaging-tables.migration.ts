import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { MigrationClass } from './migration-class';
import { quoteIdent } from './postgres-url';

/** Same name in every schema: each schema has its own migration history. */
export const MESSAGING_TABLES_MIGRATION_NAME = 'MessagingTables1700000000000';

/**
 * The first migration of every block's schema: the inbox (event ids already
 * handled, for exactly-once effects) and the transactional outbox the
 * messaging library relays to RabbitMQ. Its raw SQL depends on these exact
 * table and column names.
 */
export function messagingTablesMigration(schema: string): MigrationClass {
  const s = quoteIdent(schema);
  return class MessagingTables1700000000000 implements MigrationInterface {
    name = MESSAGING_TABLES_MIGRATION_NAME;

    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await queryRunner.query(
        `CREATE TABLE ${s}.inbox (
           event_id text NOT NULL,
           consumer text NOT NULL,
           handled_at timestamptz NOT NULL DEFAULT now(),
           PRIMARY KEY (event_id, consumer)
         )`,
      );
      await queryRunner.query(
        `CREATE TABLE ${s}.outbox (
           id bigserial PRIMARY KEY,
           event_id text NOT NULL UNIQUE,
           routing_key text NOT NULL,
           body jsonb NOT NULL,
           headers jsonb NOT NULL DEFAULT '{}'::jsonb,
           created_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      // The relay deletes outbox rows once the broker confirmed them, so the
      // table only ever holds what is still to be sent. Inbox rows are pruned
      // by age (redeliveries come within minutes), by handled_at.
      await queryRunner.query(`CREATE INDEX inbox_handled_at ON ${s}.inbox (handled_at)`);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      // The schema stays: it also holds the migration history.
      await queryRunner.query(`DROP TABLE IF EXISTS ${s}.outbox`);
      await queryRunner.query(`DROP TABLE IF EXISTS ${s}.inbox`);
    }
  };
}
