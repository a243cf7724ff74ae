import { Injectable } from '@nestjs/common';
import { JobHandler, type JobContext } from '@techtrek/platform';
import { GenerateHintUseCase } from '../../application/generate-hint.use-case.js';
import { GENERATE_HINT_ATTEMPTS, type GenerateHintPayload } from './hint-job.js';

/** Runs a hint job; when its last try fails, the request fails and its quota unit is given back. */
@Injectable()
export class GenerateHintJobHandler extends JobHandler<GenerateHintPayload> {
  constructor(private readonly generate: GenerateHintUseCase) {
    super();
  }

  async handle({ requestId }: GenerateHintPayload, context: JobContext): Promise<void> {
    if (!Number.isInteger(requestId)) throw new Error(`Malformed hint job: ${JSON.stringify({ requestId })}`);
    try {
      await this.generate.execute(requestId);
    } catch (error) {
      if (context.attempt >= GENERATE_HINT_ATTEMPTS) await this.generate.abandon(requestId);
      throw error;
    }
  }
}
