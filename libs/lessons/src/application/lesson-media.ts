import { Injectable } from '@nestjs/common';
import type { FieldProblem } from '@techtrek/platform/kernel';
import type { LessonMediaReference } from '../domain/lesson.js';
import { InvalidLessonError, LessonNotPublishableError } from '../domain/lesson.errors.js';
import type { PublishedMedia } from './lesson-catalogue.reader.js';
import { MediaLibrary } from './media-library.js';

/** Lessons reference uploaded assets by id; this checks the ids and resolves them for publishing. */
@Injectable()
export class LessonMedia {
  constructor(private readonly library: MediaLibrary) {}

  /** Refuses references to assets that were never uploaded, naming each one's field. */
  async assertUploaded(media: readonly LessonMediaReference[]): Promise<void> {
    const known = await this.knownAssets(media);
    const problems: FieldProblem[] = media.flatMap(({ assetId }, index) =>
      known.has(assetId) ? [] : [{ field: `media[${index}].assetId`, message: `no uploaded asset has id ${assetId}` }],
    );
    if (problems.length > 0) throw new InvalidLessonError(problems);
  }

  /** What a published version shows: kind and URL frozen with the alt text. */
  async forPublishing(media: readonly LessonMediaReference[]): Promise<PublishedMedia[]> {
    const known = await this.knownAssets(media);
    return media.map(({ assetId, alt }) => {
      const asset = known.get(assetId);
      if (!asset) throw new LessonNotPublishableError(`media asset ${assetId} no longer exists`);
      return { id: asset.id, kind: asset.kind, url: asset.url, alt };
    });
  }

  private async knownAssets(media: readonly LessonMediaReference[]) {
    if (media.length === 0) return new Map();
    const assets = await this.library.findByIds(media.map((reference) => reference.assetId));
    return new Map(assets.map((asset) => [asset.id, asset]));
  }
}
