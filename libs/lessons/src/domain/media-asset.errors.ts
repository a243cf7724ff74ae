import { DomainError } from '@techtrek/platform/kernel';

export class MediaUnsupportedTypeError extends DomainError {
  readonly code = 'MEDIA.UNSUPPORTED_TYPE';
  readonly kind = 'unsupported_media_type';

  constructor(sniffedType: string | undefined, accepted: readonly string[]) {
    super(
      `The file's content is ${sniffedType === undefined ? 'not a recognised media format' : sniffedType}; ` +
        'upload an image, audio or video file of an accepted type',
      [],
      { acceptedTypes: accepted },
    );
  }
}

export class MediaTooLargeError extends DomainError {
  readonly code = 'MEDIA.TOO_LARGE';
  readonly kind = 'payload_too_large';

  constructor(maxBytes: number) {
    super(`The file is larger than the limit of ${maxBytes} bytes`, [], { maxBytes });
  }
}

export class MediaNotFoundError extends DomainError {
  readonly code = 'MEDIA.NOT_FOUND';
  readonly kind = 'not_found';

  constructor() {
    super('The media asset does not exist');
  }
}

export class MediaFileMissingError extends DomainError {
  readonly code = 'MEDIA.FILE_MISSING';
  readonly kind = 'invalid';

  constructor() {
    super('file: send the file as the multipart field "file"', [
      { field: 'file', message: 'must be a file part of the multipart form' },
    ]);
  }
}

/** A multipart body we cannot read: truncated, without a boundary, extra fields or files. */
export class InvalidMediaUploadError extends DomainError {
  readonly code = 'MEDIA.INVALID_UPLOAD';
  readonly kind = 'invalid';

  constructor(reason: string) {
    super(`The multipart body could not be read: ${reason}`);
  }
}

export class MediaMultipartRequiredError extends DomainError {
  readonly code = 'MEDIA.MULTIPART_REQUIRED';
  readonly kind = 'unsupported_media_type';

  constructor() {
    super('Upload the file as multipart/form-data with one field named "file"');
  }
}

export class InvalidMediaCursorError extends DomainError {
  readonly code = 'MEDIA.INVALID_CURSOR';
  readonly kind = 'invalid';

  constructor() {
    super('cursor: is not a cursor this API issued', [
      { field: 'cursor', message: 'must be a nextCursor returned by this endpoint' },
    ]);
  }
}
