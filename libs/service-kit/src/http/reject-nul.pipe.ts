import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

/**
 * Where the first NUL character is in a request value (`""` for the value
 * itself, else a path like `tags.2` or a key), or null when there is none.
 * Iterative, so a deeply nested JSON body cannot overflow the stack.
 */
export function findNul(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [current, path] = stack.pop() as [unknown, string];
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return path;
    } else if (Array.isArray(current)) {
      current.forEach((item, i) => stack.push([item, join(path, String(i))]));
    } else if (isPlainObject(current)) {
      for (const [key, item] of Object.entries(current)) {
        if (key.includes('\u0000')) return join(path, JSON.stringify(key));
        stack.push([item, join(path, key)]);
      }
    }
  }
  return null;
}

/**
 * Refuses any query, path or body value holding a NUL character (400). No
 * PokerVOD input has one, and Postgres text cannot store one: caught here,
 * it is a clear client error instead of a failed query.
 */
@Injectable()
export class RejectNulPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // Custom parameter decorators may hand over anything (a request, a stream): only client values are checked.
    if (metadata.type === 'custom') return value;
    const where = findNul(value);
    if (where === null) return value;
    const name = [metadata.type, metadata.data, where].filter(Boolean).join('.');
    throw new BadRequestException(`${name}: NUL characters are not allowed`);
  }
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
