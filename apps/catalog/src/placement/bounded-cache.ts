/** A Map that forgets its oldest entries past `max`. */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
  }

  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }
}

/**
 * Ids of tree rows already resolved, so a NAS event for a known episode
 * costs one statement. A row a transaction inserted is not committed:
 * other transactions cannot see it (their foreign keys would fail), so it is
 * remembered for that transaction alone until it commits, then shared. A row
 * found by another transaction's statement was committed and is shared at
 * once. Rows are never deleted, so a shared entry stays true (merges are
 * followed in SQL).
 */
export class CommittedRowCache<V> {
  private readonly shared: BoundedCache<string, V>;
  private readonly pending = new WeakMap<object, Map<string, V>>();
  /** Lookups in progress in this process, by key: settled once their row is shared (or never will be). */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(max: number) {
    this.shared = new BoundedCache(max);
  }

  /** Another transaction of this process is looking `key` up: resolves when it is done (or after `maxWaitMs`). */
  async awaitOther(key: string, maxWaitMs: number): Promise<void> {
    const other = this.inFlight.get(key);
    if (!other) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)));
    await Promise.race([other, timeout]);
    clearTimeout(timer);
  }

  /** This transaction looks `key` up; call the returned function once its row is shared or failed to be. */
  begin(key: string): () => void {
    let settle!: () => void;
    const done = new Promise<void>((resolve) => (settle = resolve));
    this.inFlight.set(key, done);
    return () => {
      if (this.inFlight.get(key) === done) this.inFlight.delete(key);
      settle();
    };
  }

  get(transaction: object, key: string): V | undefined {
    return this.shared.get(key) ?? this.pending.get(transaction)?.get(key);
  }

  /** A row found committed (or updated by the caller on a committed row). */
  committed(key: string, value: V): void {
    this.shared.set(key, value);
  }

  /** New values of a row already cached: shared if the row was, else still the transaction's own. */
  update(transaction: object, key: string, value: V): void {
    if (this.shared.get(key) !== undefined) this.shared.set(key, value);
    else this.pending.get(transaction)?.set(key, value);
  }

  /** A row inserted by `transaction`, visible to it alone until `publish` runs after its commit. */
  inserted(transaction: object, key: string, value: V): void {
    let own = this.pending.get(transaction);
    if (!own) {
      own = new Map();
      this.pending.set(transaction, own);
    }
    own.set(key, value);
  }

  /** The transaction committed: what it inserted is everybody's now. */
  publish(transaction: object): void {
    const own = this.pending.get(transaction);
    this.pending.delete(transaction);
    for (const [key, value] of own ?? []) this.shared.set(key, value);
  }

  clear(): void {
    this.shared.clear();
  }
}
