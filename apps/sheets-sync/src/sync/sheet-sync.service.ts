import { randomUUID } from 'node:crypto';
import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EventType, SyncResult } from '@pokervod/contracts';
import { MessageBus } from '@pokervod/messaging';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import { currentMessageContext } from '@pokervod/telemetry';
import { aliasTable } from '../hand-log/columns';
import { RowDiff, diffRows } from '../hand-log/diff';
import { KeyedRow, ParseOptions, ParsedHandLog, parseHandLog } from '../hand-log/parse-hand-log';
import { HIGH_FRAME_RATE } from '../hand-log/validate';
import { describeError, isTransient } from '../quota/source-errors';
import type { SheetsConfig } from '../sheets-sync.config';
import type { SheetSource, SourceRead, UnreadTab } from '../sources/sheet-source';
import { SourceRegistry } from '../sources/source-registry';
import { HandLogRepository } from './hand-log.repository';
import { SourceOutcome, capDuplicates, capInvalid, overallStatus, problemSummary } from './sync-outcome';
import { SyncQueue } from './sync-queue';

/** Why a sync ran: in logs only. */
export type SyncTrigger = 'poll' | 'webhook' | 'command' | 'request' | 'recheck';

interface SyncOptions {
  trigger: SyncTrigger;
  correlationId: string;
  /** A sync of its own says `sheets.sync.completed` itself; one inside a full sync leaves that to the handler. */
  ownCompletion: boolean;
  /** The change token read before the fetch, when the caller already has it. */
  changeToken?: string | null;
}

/**
 * Block D's `sync_sheet`: fetch a source (outside any transaction), parse
 * and check its rows, then in ONE transaction diff them against the stored
 * rows, write the difference and put the row events (and the completion)
 * in the outbox. One sync per source at a time here (SyncQueue) and across
 * replicas (an advisory lock around the diff and write).
 */
@Injectable()
export class SheetSyncService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('SheetSync');
  private readonly queue = new SyncQueue();
  private readonly parseOptions: ParseOptions;
  /** The last problem logged per source: a source failing the same way every poll is logged once. */
  private readonly lastWarning = new Map<string, string>();
  private closing = false;

  constructor(
    readonly repository: HandLogRepository,
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly registry: SourceRegistry,
    @Inject(SERVICE_CONFIG) private readonly config: SheetsConfig,
  ) {
    this.parseOptions = {
      aliases: aliasTable(config.SHEETS_HEADER_ALIASES),
      rates: [config.SHEETS_TIMECODE_RATE, HIGH_FRAME_RATE].filter(
        (r, i, all) => all.findIndex((o) => o.num * r.den === r.num * o.den) === i,
      ),
      headerScanRows: config.SHEETS_HEADER_SCAN_ROWS,
    };
  }

  /** Shutdown: no new syncs; the ones going finish (their rows and events commit) before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.config.SHUTDOWN_TIMEOUT_MS);
      timer.unref();
    });
    await Promise.race([this.queue.idle(), deadline]);
    clearTimeout(timer);
  }

  /** A poll, a webhook or a command: one source, with its own `sheets.sync.completed`. */
  syncSignalled(source: SheetSource, trigger: SyncTrigger, changeToken?: string | null): Promise<SourceOutcome> {
    if (this.closing) return Promise.reject(new Error('sheets-sync is shutting down'));
    return this.queue.run(
      source.id,
      () => this.syncOne(source, { trigger, correlationId: randomUUID(), ownCompletion: true, changeToken }),
      true,
    );
  }

  /**
   * `sheets.sync.requested`: the named source or every source, each synced
   * afresh under the request's correlation id; the caller answers with one
   * `sheets.sync.completed` for all.
   */
  async syncRequested(sheetId: string | undefined): Promise<SourceOutcome[]> {
    const sources = sheetId ? this.registry.find({ sheet_id: sheetId }) : [...this.registry.sources];
    if (sheetId && sources.length === 0) {
      const error = `no configured source "${sheetId}"`;
      const unread = [{ tab: '*', reason: error }];
      return [{ result: emptyResult(sheetId, 'failed', error, unread), read: false, error, unread }];
    }
    const correlationId = currentMessageContext()?.correlationId ?? randomUUID();
    await this.bus
      .publish(EventType.BLOCK_STATUS, { block_id: 'D', status: 'in_progress' }, { correlationId })
      .catch(() => undefined);
    return Promise.all(
      sources.map((source) =>
        this.queue.run(
          source.id,
          () => this.syncOne(source, { trigger: 'request', correlationId, ownCompletion: false }),
          false,
        ),
      ),
    );
  }

  /**
   * A poll round or a webhook's recheck: sync only when the source's change
   * token moved since the last sync read it. A source that cannot say
   * (Drive refused) is read each time; one still failing the same way is not.
   */
  async syncIfChanged(source: SheetSource, trigger: SyncTrigger): Promise<SourceOutcome | null> {
    if (this.closing || this.queue.busy(source.id)) return null; // a sync is on its way; the next round looks again
    const state = await this.repository.source(this.dataSource.manager, source.id);
    let token: string | null;
    try {
      token = await source.changeToken();
    } catch (error) {
      const message = describeError(error);
      if (isTransient(error)) {
        this.warnOnce(source.id, `${source.id}: change check failed: ${message}`);
        return null;
      }
      if (state?.last_status === 'failed' && state.last_error === message) return null;
      token = null;
    }
    if (token !== null && state?.change_token === token) return null;
    return this.syncSignalled(source, trigger, token);
  }

  busy(sourceId: string): boolean {
    return this.queue.busy(sourceId);
  }

  /** Every sync queued so far has finished (shutdown, tests). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async syncOne(source: SheetSource, options: SyncOptions): Promise<SourceOutcome> {
    const started = Date.now();
    let changeToken = options.changeToken ?? null;
    if (changeToken === null) {
      changeToken = await source.changeToken().catch((error) => {
        this.logger.debug?.(`${source.id}: no change token: ${describeError(error)}`);
        return null;
      });
    }
    let read: SourceRead;
    try {
      read = await source.read();
    } catch (error) {
      return this.notRead(source, options, error);
    }
    const parsed = parseHandLog(read.tabs, this.parseOptions);
    const outcome = await this.dataSource.transaction((m) => this.apply(m, source, options, read, parsed, changeToken));
    this.lastWarning.delete(source.id);
    // The relay sends them now rather than at its next poll; the sync does not wait for it.
    void this.bus.flushOutbox();
    const r = outcome.result;
    const summary = `${source.id} (${options.trigger}): ${r.status}, ${r.rows_read} rows read, +${r.added} ~${r.changed} -${r.removed}, ${r.invalid.length} invalid, ${r.duplicates.length} duplicate, ${Date.now() - started} ms`;
    if (r.added + r.changed + r.removed > 0 || r.status !== 'completed') this.logger.log(summary);
    else this.logger.debug?.(summary);
    return outcome;
  }

  private async apply(
    m: EntityManager,
    source: SheetSource,
    options: SyncOptions,
    read: SourceRead,
    parsed: ParsedHandLog,
    changeToken: string | null,
  ): Promise<SourceOutcome> {
    const sheetId = source.id;
    await this.repository.lockSheet(m, sheetId);
    const stored = await this.repository.storedRows(m, sheetId);
    const storedTabs = new Set(stored.map((s) => s.tab));
    // A tab whose header vanished is not a tab whose hands vanished: keep its rows and say so.
    const unread: UnreadTab[] = [
      ...read.unread,
      ...parsed.headerless
        .filter((tab) => storedTabs.has(tab))
        .map((tab) => ({ tab, reason: 'no header row with file name, in and out; its stored rows are kept' })),
    ];
    const diff = diffRows(stored, parsed.rows, {
      unreadTabs: new Set(unread.map((u) => u.tab)),
      protectedKeys: parsed.protectedKeys,
      invalidPositions: parsed.invalidPositions,
    });
    await this.repository.upsertRows(m, sheetId, [...diff.added, ...diff.changed]);
    await this.repository.moveRows(m, sheetId, diff.moved);
    await this.repository.deleteRows(
      m,
      sheetId,
      diff.removed.map((r) => r.key),
    );
    const error = unread.length > 0 ? unread.map((u) => `"${u.tab}": ${u.reason}`).join('; ') : null;
    const result: SyncResult = {
      sheet_id: sheetId,
      status: unread.length > 0 ? 'partial' : 'completed',
      rows_read: parsed.rowsRead,
      added: diff.added.length,
      changed: diff.changed.length,
      removed: diff.removed.length,
      invalid: capInvalid(parsed.invalid),
      duplicates: capDuplicates(parsed.duplicates),
      error,
      unread,
    };
    await this.emitRowEvents(m, sheetId, diff, options.correlationId);
    const outcome: SourceOutcome = { result, read: true, error, unread };
    // The token is kept even when a tab was left unread: polling again would read the same sheet.
    await this.repository.recordSync(m, sheetId, { kind: source.spec.kind, changeToken, result, error, unread });
    if (options.ownCompletion) await this.emitCompletion(m, [outcome], options.correlationId);
    return outcome;
  }

  /** Nothing could be read: nothing is diffed, nothing removed; the sync is cut short or failed. */
  private async notRead(source: SheetSource, options: SyncOptions, error: unknown): Promise<SourceOutcome> {
    const message = describeError(error);
    const status = isTransient(error) ? 'partial' : 'failed';
    const unread = [{ tab: '*', reason: message }];
    const result = emptyResult(source.id, status, message, unread);
    const outcome: SourceOutcome = { result, read: false, error: message, unread };
    this.warnOnce(source.id, `${source.id} (${options.trigger}): ${status}, not read: ${message}`);
    await this.dataSource.transaction(async (m) => {
      await this.repository.recordSync(m, source.id, {
        kind: source.spec.kind,
        changeToken: null,
        result,
        error: message,
        unread: outcome.unread,
      });
      if (options.ownCompletion) await this.emitCompletion(m, [outcome], options.correlationId);
    });
    void this.bus.flushOutbox();
    return outcome;
  }

  /** Row events in sheet order (added and changed, then removed), in a few multi-row INSERTs. */
  private async emitRowEvents(m: EntityManager, sheetId: string, diff: RowDiff, correlationId: string): Promise<void> {
    const changed = (change: 'added' | 'changed') => (r: KeyedRow) => ({
      type: EventType.SHEETS_ROW_CHANGED,
      payload: { sheet_id: sheetId, tab: r.tab, row_number: r.rowNumber, row_key: r.key, change, row: r.row },
    });
    await this.bus.publishManyInTransaction(
      m,
      [
        ...diff.added.map(changed('added')),
        ...diff.changed.map(changed('changed')),
        ...diff.removed.map((r) => ({
          type: EventType.SHEETS_ROW_REMOVED,
          payload: { sheet_id: sheetId, tab: r.tab, row_key: r.key },
        })),
      ],
      { correlationId },
    );
  }

  private warnOnce(sourceId: string, message: string): void {
    if (this.lastWarning.get(sourceId) === message) return;
    this.lastWarning.set(sourceId, message);
    this.logger.warn(message);
  }

  /** `sheets.sync.completed` and the block's status, in the caller's transaction. */
  async emitCompletion(m: EntityManager, outcomes: readonly SourceOutcome[], correlationId?: string): Promise<void> {
    const opts = correlationId ? { correlationId } : {};
    const status = overallStatus(outcomes);
    await this.bus.publishInTransaction(
      m,
      EventType.SHEETS_SYNC_COMPLETED,
      { status, results: outcomes.map((o) => o.result) },
      opts,
    );
    await this.bus.publishInTransaction(m, EventType.BLOCK_STATUS, await this.blockStatus(m, outcomes), opts);
  }

  /** `system.block.status` for block D after these syncs. */
  async blockStatus(m: EntityManager = this.dataSource.manager, outcomes: readonly SourceOutcome[]) {
    const total = await this.repository.rowsTotal(m);
    const problems = problemSummary(outcomes);
    return {
      block_id: 'D' as const,
      status: overallStatus(outcomes),
      items_processed: outcomes.reduce((n, o) => n + o.result.rows_read, 0),
      items_total: total,
      last_error: problems,
      message:
        `${outcomes.length} source(s): ${outcomes.map((o) => `${o.result.sheet_id} ${o.result.status}`).join(', ')}`.slice(
          0,
          2000,
        ),
    };
  }
}

function emptyResult(
  sheetId: string,
  status: SyncResult['status'],
  error: string,
  unread: SyncResult['unread'],
): SyncResult {
  return {
    sheet_id: sheetId,
    status,
    rows_read: 0,
    added: 0,
    changed: 0,
    removed: 0,
    invalid: [],
    duplicates: [],
    error,
    unread,
  };
}
