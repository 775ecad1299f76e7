import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ParsedMetadata, ParsedMetadataSchema } from '@pokervod/contracts';
import { parseFilename } from './index';

// The examples of docs/contracts/parsed-metadata.md, kept beside the parser.
const examplesFile = path.join(__dirname, 'fixtures', 'parsed-metadata.examples.jsonl');

interface Example {
  readonly name: string;
  readonly expect: Partial<ParsedMetadata>;
}

const examples: Example[] = readFileSync(examplesFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Example);

/** The contract compares `event_name` and `location` case-insensitively on letters only. */
const LETTERS_ONLY = new Set<string>(['event_name', 'location']);
function comparable(field: string, value: unknown): unknown {
  if (LETTERS_ONLY.has(field) && typeof value === 'string') return value.toLowerCase().replace(/[^\p{L}]/gu, '');
  return value;
}

describe('contract examples (fixtures/parsed-metadata.examples.jsonl)', () => {
  it('reads all 42 examples', () => {
    expect(examples).toHaveLength(42);
  });

  it.each(examples.map((example) => [example.name, example] as const))('%j', (_name, example) => {
    const parsed = parseFilename(example.name);
    expect(ParsedMetadataSchema.safeParse(parsed).success).toBe(true);
    const actual: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(example.expect)) {
      expected[field] = comparable(field, value);
      actual[field] = comparable(field, (parsed as Record<string, unknown>)[field]);
    }
    expect(actual).toEqual(expected);
  });
});
