/**
 * Google's partial-response `fields` parameter: `id,name,modifiedTime`,
 * `sheets.properties.title`, `sheets(properties(sheetId,title))`, `files/name`, `*`.
 * Applied loosely: unknown names select nothing, they are not an error.
 */
export type FieldTree = Map<string, FieldTree | null>;

export class FieldMaskError extends Error {
  constructor(readonly mask: string) {
    super(`Invalid field selection ${mask}`);
    this.name = 'FieldMaskError';
  }
}

export function parseFieldMask(mask: string): FieldTree {
  const tokens = mask.match(/[^,()/.\s]+|[,()/.]/g) ?? [];
  let pos = 0;

  const parseList = (): FieldTree => {
    const tree: FieldTree = new Map();
    for (;;) {
      parseItem(tree);
      if (tokens[pos] !== ',') return tree;
      pos++;
    }
  };

  const parseItem = (into: FieldTree): void => {
    const path: string[] = [readName()];
    while (tokens[pos] === '/' || tokens[pos] === '.') {
      pos++;
      path.push(readName());
    }
    let sub: FieldTree | null = null;
    if (tokens[pos] === '(') {
      pos++;
      sub = parseList();
      if (tokens[pos] !== ')') throw new FieldMaskError(mask);
      pos++;
    }
    insert(into, path, sub);
  };

  const readName = (): string => {
    const token = tokens[pos];
    if (token === undefined || /^[,()/.]$/.test(token)) throw new FieldMaskError(mask);
    pos++;
    return token;
  };

  const tree = parseList();
  if (pos !== tokens.length) throw new FieldMaskError(mask);
  return tree;
}

function insert(tree: FieldTree, path: string[], leaf: FieldTree | null): void {
  const [head, ...rest] = path;
  const existing = tree.get(head);
  if (rest.length === 0) {
    tree.set(head, existing === undefined ? leaf : merge(existing, leaf));
    return;
  }
  if (existing === null) return; // already selected whole
  const child: FieldTree = existing ?? new Map();
  tree.set(head, child);
  insert(child, rest, leaf);
}

function merge(a: FieldTree | null, b: FieldTree | null): FieldTree | null {
  if (a === null || b === null) return null;
  const out: FieldTree = new Map(a);
  for (const [key, value] of b) out.set(key, out.has(key) ? merge(out.get(key) ?? null, value) : value);
  return out;
}

/** The parts of `value` the mask selects; arrays apply the mask to each element. */
export function applyFieldMask(value: unknown, tree: FieldTree | null): unknown {
  if (tree === null || tree.has('*')) return value;
  if (Array.isArray(value)) return value.map((item) => applyFieldMask(item, tree));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of tree) {
    if (Object.prototype.hasOwnProperty.call(value, key)) {
      out[key] = applyFieldMask((value as Record<string, unknown>)[key], sub);
    }
  }
  return out;
}
