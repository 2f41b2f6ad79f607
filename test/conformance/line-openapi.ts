import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  OpenAPIBackend,
  SetMatchType,
  ValidationContext,
  type Document,
  type Operation,
  type Request,
} from 'openapi-backend';
import { parse } from 'yaml';
import type { RecordedRequest } from '../../sandbox/line/recorder';

/**
 * LINE's own OpenAPI document for the Messaging API, read from ../shared (it is not part of
 * this repository), and the checks the conformance tests make against it.
 */
export const LINE_OPENAPI_DIR_ENV = 'TANTO_LINE_OPENAPI_DIR';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export function lineOpenApiFile(): string {
  const dir = process.env[LINE_OPENAPI_DIR_ENV] ?? '../shared/reference/line-openapi';
  return path.resolve(repoRoot, dir, 'messaging-api.yml');
}

type Schema = Record<string, unknown>;
type ValidateFunction = ReturnType<ReturnType<OpenAPIBackend['validator']['getAjv']>['compile']>;

export interface LineContract {
  file: string;
  /** Problems with one answer of `operationId`; empty when it conforms. */
  checkResponse(operationId: string, status: number, body: unknown, headers: Headers): string[];
  /** Problems with one request as the sandbox recorded it; empty when it conforms. */
  checkRequest(recorded: RecordedRequest): string[];
  /** The operation a recorded request belongs to, if the document has one. */
  operationFor(recorded: RecordedRequest): string | undefined;
  /** Problems with a value against one component schema, for answers the document leaves out. */
  checkComponent(name: string, value: unknown): string[];
}

export async function loadLineContract(file = lineOpenApiFile()): Promise<LineContract> {
  if (!existsSync(file)) {
    throw new Error(
      `LINE's OpenAPI document was not found at ${file}. The conformance check reads it from ../shared beside ` +
        `the repository; set ${LINE_OPENAPI_DIR_ENV} to the folder holding messaging-api.yml to read it elsewhere.`,
    );
  }
  const document = parse(readFileSync(file, 'utf8')) as Document;
  const api = new OpenAPIBackend({
    definition: document,
    strict: true,
    // Formats the document uses. Without them Ajv skips the check, so a retry key that is not a
    // UUID would pass. One "format" in LINE's document is really a pattern; it is honoured as one.
    customizeAjv: (ajv) =>
      ajv
        .addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
        .addFormat('uri', (value: string) => URL.canParse(value))
        .addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)) && /T/.test(value))
        .addFormat('^[0-9]{8}$', /^[0-9]{8}$/),
  });
  await api.init();

  const definition = api.definition as unknown as { components: { schemas: Record<string, Schema> }; security?: unknown[] };
  const ajv = api.validator.getAjv(ValidationContext.RequestBody);
  const compiled = new Map<string, ValidateFunction>();
  const componentValidator = (name: string): ValidateFunction => {
    let validate = compiled.get(name);
    if (validate === undefined) {
      const schema = definition.components.schemas[name];
      if (schema === undefined) throw new Error(`LINE's document has no schema named ${name}`);
      validate = ajv.compile(schema);
      compiled.set(name, validate);
    }
    return validate;
  };

  const operation = (operationId: string): Operation => {
    const found = api.getOperation(operationId);
    if (found === undefined) throw new Error(`LINE's document has no operation ${operationId}`);
    return found;
  };

  return {
    file,
    checkResponse(operationId, status, body, headers) {
      const op = operation(operationId);
      const documented = op.responses?.[String(status)];
      if (documented === undefined) return [`the document defines no ${status} answer for ${operationId}`];
      const problems: string[] = [];
      const content = 'content' in documented ? documented.content : undefined;
      if (content?.['application/json'] !== undefined && !/^application\/json\b/.test(headers.get('content-type') ?? '')) {
        problems.push(`content-type is ${headers.get('content-type') ?? 'missing'}, the document says application/json`);
      }
      problems.push(...describe(api.validateResponse(body, op, status).errors, 'body'));
      const headerObject = Object.fromEntries(headers.entries());
      problems.push(
        ...describe(
          api.validateResponseHeaders(headerObject, op, { statusCode: status, setMatchType: SetMatchType.Superset }).errors,
          'headers',
        ),
      );
      return problems;
    },

    checkRequest(recorded) {
      const request = toRequest(recorded);
      const op = api.matchOperation(request);
      if (op === undefined) return [`the document has no operation for ${recorded.method} ${recorded.path}`];
      const problems = describe(api.validateRequest(request, op).errors, 'request');
      problems.push(...checkSecurity(op, definition.security, recorded.authScheme));
      problems.push(...checkDiscriminatedItems(op, recorded.body, componentValidator));
      return problems;
    },

    operationFor(recorded) {
      return api.matchOperation(toRequest(recorded))?.operationId;
    },

    checkComponent(name, value) {
      const validate = componentValidator(name);
      return validate(value) ? [] : describe(validate.errors, name);
    },
  };
}

function toRequest(recorded: RecordedRequest): Request {
  return {
    method: recorded.method.toLowerCase(),
    path: recorded.path,
    query: recorded.query,
    headers: recorded.headers,
    ...(recorded.body === null ? {} : { body: recorded.body as Request['body'] }),
  };
}

/** The document's only security scheme is an HTTP bearer token, required unless an operation opts out. */
function checkSecurity(op: Operation, globalSecurity: unknown[] | undefined, authScheme: string | null): string[] {
  const security = (op.security ?? globalSecurity ?? []) as Record<string, unknown>[];
  const wantsBearer = security.some((requirement) => 'Bearer' in requirement);
  if (!wantsBearer) return [];
  return authScheme?.toLowerCase() === 'bearer' ? [] : [`Authorization must use the Bearer scheme (was ${authScheme ?? 'missing'})`];
}

/**
 * LINE's Message schema names its subtypes with a discriminator mapping but no oneOf, so a
 * generic validator only checks `type`. Each array item with such a mapping is held here to the
 * schema its mapping names (a text message must have `text`, and so on).
 */
function checkDiscriminatedItems(op: Operation, body: unknown, validator: (name: string) => ValidateFunction): string[] {
  const requestBody = op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined;
  const schema = requestBody?.content?.['application/json']?.schema;
  if (schema === undefined || typeof body !== 'object' || body === null) return [];
  const problems: string[] = [];
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const [property, propertySchema] of Object.entries(properties)) {
    const discriminator = (propertySchema.items as Schema | undefined)?.discriminator as
      | { propertyName: string; mapping?: Record<string, string> }
      | undefined;
    const items = (body as Record<string, unknown>)[property];
    if (discriminator?.mapping === undefined || !Array.isArray(items)) continue;
    items.forEach((item: unknown, index) => {
      const value = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[discriminator.propertyName] : undefined;
      const target = typeof value === 'string' ? discriminator.mapping?.[value] : undefined;
      if (target === undefined) {
        problems.push(`${property}[${index}].${discriminator.propertyName} ${JSON.stringify(value)} is not in the document's mapping`);
        return;
      }
      const validate = validator(target.replace('#/components/schemas/', ''));
      if (!validate(item)) problems.push(...describe(validate.errors, `${property}[${index}]`));
    });
  }
  return problems;
}

function describe(errors: { instancePath?: string; message?: string; params?: unknown }[] | null | undefined, where: string): string[] {
  return (errors ?? []).map((error) => `${where}${error.instancePath ?? ''} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params ?? {})}`);
}
