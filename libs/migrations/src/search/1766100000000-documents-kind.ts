import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Search filters by kind inside every word's lookup: a bitmap on kind narrows a broad word's matches. */
export class SearchDocumentsKind1766100000000 implements MigrationInterface {
  name = 'SearchDocumentsKind1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX documents_kind ON search.documents (kind)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX search.documents_kind`);
  }
}
