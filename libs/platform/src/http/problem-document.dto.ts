import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One invalid input of a validation problem. */
export class FieldProblemDto {
  /** @example "email" */
  @ApiProperty({ example: 'email' })
  field!: string;

  /** @example "must be an email" */
  @ApiProperty({ example: 'must be an email' })
  message!: string;
}

/**
 * The `Problem` schema: every error the API answers with (RFC 9457 `application/problem+json`).
 * Decorated explicitly (not through the swagger plugin): it is shared by every lib's routes.
 */
export class ProblemDocumentDto {
  /** @example "urn:techtrek:problem:request.validation-failed" */
  @ApiProperty({ example: 'urn:techtrek:problem:request.validation-failed' })
  type!: string;

  /** @example "Bad Request" */
  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  /** @example 400 */
  @ApiProperty({ type: 'integer', example: 400 })
  status!: number;

  /** @example "The request is invalid" */
  @ApiProperty({ example: 'The request is invalid' })
  detail!: string;

  /** @example "REQUEST.VALIDATION_FAILED" */
  @ApiProperty({ description: 'Stable, machine-readable error code.', example: 'REQUEST.VALIDATION_FAILED' })
  code!: string;

  /** @example "/auth/signup" */
  @ApiPropertyOptional({ example: '/auth/signup' })
  instance?: string;

  /** @example "3f1c2a9e-6b0d-4a57-9d7e-0c2b1f4e8a11" */
  @ApiPropertyOptional({
    description: 'The X-Request-Id of the request.',
    example: '3f1c2a9e-6b0d-4a57-9d7e-0c2b1f4e8a11',
  })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldProblemDto], description: 'What is wrong with which input (validation only).' })
  errors?: FieldProblemDto[];
}
