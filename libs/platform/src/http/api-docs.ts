import { PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject, type SchemaObject } from '@nestjs/swagger';
import { SKIP_RATE_LIMIT } from '../rate-limit/rate-limit.decorators.js';
import { PROBLEM_RESPONSES, problemResponse, type ProblemStatus } from './api-problem-responses.js';
import { ProblemDocumentDto } from './problem-document.dto.js';
import { PUBLIC_ROUTE } from './public-route.decorator.js';

export interface ApiDocsSettings {
  title: string;
  description: string;
  version: string;
  /** The swagger CLI plugin's generated metadata (DTO schemas without decorators). */
  pluginMetadata?: () => Promise<Record<string, unknown>>;
}

export const BEARER_SCHEME = 'bearer';

/**
 * `adminLessons_create` for `AdminLessonsController.create`: stable while the method keeps its
 * name, readable in generated clients, unique because controller class names are.
 */
export function operationIdOf(controllerKey: string, methodKey: string): string {
  const resource = controllerKey.replace(/Controller$/, '');
  return `${resource.charAt(0).toLowerCase()}${resource.slice(1)}_${methodKey}`;
}

/** What the guards know about a route: whether it needs a token and whether it is rate limited. */
interface RoutePolicy {
  isPublic: boolean;
  isRateLimited: boolean;
  /** From `@ApiProblemResponses()` on the controller, then on the route. */
  problems: ProblemStatus[];
}

/** OpenAPI document at `/docs-json`, Swagger UI at `/docs`, bearer scheme declared once. */
export async function setUpApiDocs(app: NestFastifyApplication, settings: ApiDocsSettings): Promise<void> {
  if (settings.pluginMetadata) await SwaggerModule.loadPluginMetadata(settings.pluginMetadata);
  SwaggerModule.setup('docs', app, () => createApiDocument(app, settings), {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    customSiteTitle: settings.title,
  });
}

function createApiDocument(app: NestFastifyApplication, settings: ApiDocsSettings): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(settings.title)
    .setDescription(settings.description)
    .setVersion(settings.version)
    // The code is not published under an open licence.
    .setLicense('Proprietary', '')
    // Relative: the document is served by the API it describes, wherever that is deployed.
    .addServer('/', 'The server serving this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: operationIdOf,
    extraModels: [ProblemDocumentDto],
  });
  applyRoutePolicies(document, routePolicies(app));
  acceptNullReferences(document);
  return document;
}

/**
 * `@nestjs/swagger` writes a nullable class-typed property as `{nullable: true, allOf: [{$ref}]}`,
 * which OpenAPI 3.0 reads as refusing null (`nullable` only widens a `type` beside it, and the
 * referenced schema is an object): strict validators such as Prism reject the null the API sends.
 * Null becomes a branch of its own.
 */
function acceptNullReferences(document: OpenAPIObject): void {
  for (const schema of Object.values(document.components?.schemas ?? {}) as SchemaObject[]) {
    for (const [name, property] of Object.entries(schema.properties ?? {}) as [string, SchemaObject][]) {
      const { nullable, allOf, type: _objectType, ...rest } = property;
      if (nullable !== true || allOf?.length !== 1) continue;
      schema.properties![name] = { ...rest, oneOf: [allOf[0]!, { type: 'object', nullable: true, enum: [null] }] };
    }
  }
}

/**
 * Security and the shared error responses, read from the same metadata the authentication and
 * rate-limit guards read (`@Public()`, `@SkipRateLimit()`), so the document cannot drift from them.
 */
function applyRoutePolicies(document: OpenAPIObject, policies: Map<string, RoutePolicy>): void {
  for (const pathItem of Object.values(document.paths)) {
    for (const operation of Object.values(pathItem)) {
      const policy = policies.get((operation as { operationId?: string }).operationId ?? '');
      if (!policy) continue;
      const { parameters = [], requestBody, responses } = operation;
      operation.security = policy.isPublic ? [] : [{ [BEARER_SCHEME]: [] }];
      // The validation pipe and the JSON body parser answer 400 to any route that takes input.
      if (parameters.length > 0 || requestBody) responses['400'] ??= problemResponse(400);
      if (!policy.isPublic) responses['401'] ??= problemResponse(401, 'No token, or an invalid or revoked one');
      if (requestBody) responses['413'] ??= problemResponse(413, 'The body is larger than the API accepts');
      if (requestBody)
        responses['415'] ??= problemResponse(415, 'The body has a media type this route does not accept');
      if (policy.isRateLimited) responses['429'] ??= problemResponse(429, 'Rate limited; see `Retry-After`');
      for (const entry of policy.problems) {
        const [status, why] = typeof entry === 'number' ? [entry, undefined] : entry;
        responses[String(status)] ??= problemResponse(status, why);
      }
    }
  }
}

function routePolicies(app: NestFastifyApplication): Map<string, RoutePolicy> {
  const policies = new Map<string, RoutePolicy>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (typeof metatype !== 'function' || !metatype.prototype) continue;
      const prototype = metatype.prototype as Record<string, unknown>;
      for (const methodKey of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[methodKey];
        if (typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const flag = (key: string): boolean =>
          Reflect.getMetadata(key, handler) === true || Reflect.getMetadata(key, metatype) === true;
        policies.set(operationIdOf(metatype.name, methodKey), {
          isPublic: flag(PUBLIC_ROUTE),
          isRateLimited: !flag(SKIP_RATE_LIMIT),
          problems: [
            ...((Reflect.getMetadata(PROBLEM_RESPONSES, metatype) as ProblemStatus[] | undefined) ?? []),
            ...((Reflect.getMetadata(PROBLEM_RESPONSES, handler) as ProblemStatus[] | undefined) ?? []),
          ],
        });
      }
    }
  }
  return policies;
}
