import fc from 'fast-check';
import { z } from 'zod';

interface Def {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  checks?: { _zod: { def: { check: string; minimum?: number; maximum?: number; pattern?: RegExp } } }[];
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Whether an object key may be left out (optional, or filled by a default). */
const mayBeAbsent = (schema: z.ZodType) => ['optional', 'default'].includes(defOf(schema).type);

function lengthLimits(def: Def, cap: number): { minLength: number; maxLength: number } {
  let minLength = 0;
  let maxLength = cap;
  for (const c of def.checks ?? []) {
    if (c._zod.def.check === 'min_length') minLength = c._zod.def.minimum ?? 0;
    if (c._zod.def.check === 'max_length') maxLength = Math.min(cap, c._zod.def.maximum ?? cap);
  }
  return { minLength, maxLength: Math.max(minLength, maxLength) };
}

function stringArbitrary(schema: z.ZodType, def: Def): fc.Arbitrary<string> {
  const format = (schema as unknown as { format?: string | null }).format;
  if (format === 'uuid') return fc.uuid({ version: 4 });
  if (format === 'datetime')
    return fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString());
  const regex = (def.checks ?? []).find((c) => c._zod.def.pattern instanceof RegExp)?._zod.def.pattern;
  if (format === 'regex' && regex) return fc.stringMatching(regex);
  return fc.string({ ...lengthLimits(def, 24) });
}

function numberArbitrary(schema: z.ZodType): fc.Arbitrary<number> {
  const n = schema as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean };
  const min = Math.max(n.minValue ?? -1e6, -1e6);
  const max = Math.min(n.maxValue ?? 1e6, 1e6);
  return n.isInt ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
}

/**
 * Values a zod schema accepts, for property tests over contracts: every
 * optional or defaulted field is sometimes left out, every nullable one
 * sometimes null. Covers what libs/contracts uses; anything else throws, so
 * a new construct is noticed here rather than silently left untested.
 */
export function zodArbitrary(schema: z.ZodType): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const leaf = (arb: fc.Arbitrary<unknown>) => arb.filter((v) => schema.safeParse(v).success);
  switch (def.type) {
    case 'object': {
      const shape = def.shape ?? {};
      const model = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, zodArbitrary(v)]));
      const requiredKeys = Object.keys(shape).filter((k) => !mayBeAbsent(shape[k] as z.ZodType));
      const record = fc.record(model, { requiredKeys });
      // An object-level refinement: keep the values it accepts.
      return def.checks?.length ? leaf(record) : record;
    }
    case 'optional':
    case 'default':
      // Absent keys are handled by the object; a present value is the inner schema's.
      return zodArbitrary(def.innerType as z.ZodType);
    case 'nullable':
      return fc.option(zodArbitrary(def.innerType as z.ZodType), { nil: null, freq: 3 });
    case 'string':
      return leaf(stringArbitrary(schema, def));
    case 'number':
      return leaf(numberArbitrary(schema));
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'literal':
      return fc.constantFrom(...(def.values ?? []));
    case 'array':
      return fc.array(zodArbitrary(def.element as z.ZodType), lengthLimits(def, 3));
    case 'record':
      return fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), zodArbitrary(def.valueType as z.ZodType), {
        maxKeys: 3,
      });
    case 'union':
      return fc.oneof(...(def.options ?? []).map(zodArbitrary));
    case 'unknown':
      return fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 8 }), fc.constant({ a: 1 }));
    default:
      throw new Error(`zodArbitrary: no generator for zod type "${def.type}"`);
  }
}
