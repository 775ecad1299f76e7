/**
 * Dynamic SQL whose placeholders cannot drift from its values: a fragment
 * holds its text and its values together, and `$n` numbers are given only
 * when the finished statement is rendered, to the values that are actually
 * in it. A branch that builds a fragment and then leaves it out binds
 * nothing (Postgres refuses a bind with more values than the statement uses).
 */

/** One bound value: the same instance used twice in a statement is one placeholder. */
export class SqlParam {
  constructor(readonly value: unknown) {}
}

type Part = string | SqlParam | SqlFragment;

export class SqlFragment {
  constructor(readonly parts: readonly Part[]) {}
}

/** A value to bind, for reuse in several places of one statement. */
export const param = (value: unknown): SqlParam => new SqlParam(value);

/**
 * SQL text with values: an interpolated fragment is inlined, an SqlParam is
 * its placeholder, anything else is bound as a new parameter (never spliced
 * into the text).
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  const parts: Part[] = [];
  strings.forEach((text, i) => {
    if (text !== '') parts.push(text);
    if (i < values.length) {
      const value = values[i];
      parts.push(value instanceof SqlFragment || value instanceof SqlParam ? value : new SqlParam(value));
    }
  });
  return new SqlFragment(parts);
}

/** The fragments one after the other with `separator` between them (nothing for an empty list). */
export function joinSql(fragments: readonly SqlFragment[], separator: string): SqlFragment {
  const parts: Part[] = [];
  fragments.forEach((fragment, i) => {
    if (i > 0) parts.push(separator);
    parts.push(fragment);
  });
  return new SqlFragment(parts);
}

export interface SqlStatement {
  text: string;
  params: unknown[];
}

/** The statement's text with `$1…$n` in order of first use, and exactly the values those placeholders bind. */
export function renderSql(fragment: SqlFragment): SqlStatement {
  const numbers = new Map<SqlParam, number>();
  const params: unknown[] = [];
  const write = (part: Part): string => {
    if (typeof part === 'string') return part;
    if (part instanceof SqlFragment) return part.parts.map(write).join('');
    let n = numbers.get(part);
    if (n === undefined) {
      params.push(part.value);
      n = params.length;
      numbers.set(part, n);
    }
    return `$${n}`;
  };
  const text = write(fragment);
  return { text, params };
}
