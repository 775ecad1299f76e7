import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { ErrorSchema } from '@pokervod/api-shapes';

type JsonSchema = Record<string, unknown>;

/** A zod schema as the OpenAPI (JSON Schema) object swagger wants. */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema {
  const json = { ...(z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema) };
  delete json['$schema'];
  return json;
}

/** Documents every query parameter of a zod object schema (all optional, as strings on the wire). */
export function ApiQueryFrom(schema: z.ZodObject, descriptions: Record<string, string> = {}): MethodDecorator {
  return applyDecorators(
    ...Object.keys(schema.shape).map((name) =>
      ApiQuery({ name, required: false, type: String, description: descriptions[name] }),
    ),
  );
}

/** 200 with this shape, and the JSON error shape for the failures. */
export function ApiAnswers(schema: z.ZodType, ...errors: number[]): MethodDecorator {
  return applyDecorators(
    ApiOkResponse({ schema: jsonSchema(schema) }),
    ...[400, ...errors].map((status) =>
      ApiResponse({ status, description: 'JSON error `{code, message}`', schema: jsonSchema(ErrorSchema) }),
    ),
  );
}
