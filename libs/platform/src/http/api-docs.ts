import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export interface ApiDocsSettings {
  title: string;
  description: string;
  version: string;
  /** The swagger CLI plugin's generated metadata (DTO schemas without decorators). */
  pluginMetadata?: () => Promise<Record<string, unknown>>;
}

/** OpenAPI document at `/docs-json`, Swagger UI at `/docs`, bearer scheme declared once. */
export async function setUpApiDocs(app: NestFastifyApplication, settings: ApiDocsSettings): Promise<void> {
  if (settings.pluginMetadata) await SwaggerModule.loadPluginMetadata(settings.pluginMetadata);
  const config = new DocumentBuilder()
    .setTitle(settings.title)
    .setDescription(settings.description)
    .setVersion(settings.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    customSiteTitle: settings.title,
  });
}
