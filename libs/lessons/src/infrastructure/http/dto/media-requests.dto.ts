import { PageQueryDto } from '@techtrek/platform';
import { IsIn, IsOptional } from 'class-validator';
import { MEDIA_KINDS, type MediaKind } from '../../../domain/media-asset.js';

export class ListMediaQueryDto extends PageQueryDto {
  /**
   * Only assets of this kind.
   * @example "image"
   */
  @IsOptional()
  @IsIn(MEDIA_KINDS)
  kind?: MediaKind;
}
