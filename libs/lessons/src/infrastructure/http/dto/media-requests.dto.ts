import { Omittable, PageQueryDto } from '@techtrek/platform';
import { IsIn } from 'class-validator';
import { MEDIA_KINDS, type MediaKind } from '../../../domain/media-asset.js';

export class ListMediaQueryDto extends PageQueryDto {
  /**
   * Only assets of this kind.
   * @example "image"
   */
  @Omittable()
  @IsIn(MEDIA_KINDS)
  kind?: MediaKind;
}
