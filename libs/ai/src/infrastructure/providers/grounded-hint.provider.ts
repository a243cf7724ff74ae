import { Injectable } from '@nestjs/common';
import { HintProvider, type HintGeneration, type ProviderReply } from '../../application/hint-provider.js';
import { writeGroundedHint } from '../../domain/grounded-hint.js';

/**
 * Hints built from the lesson itself (BM25 passage retrieval, the author's explanation with the
 * answer blanked out): no key, no network, no tokens, and it never fails, so it is the default on
 * a fresh machine and the last fallback always. It reads the context, not the model prompt.
 */
@Injectable()
export class GroundedHintProvider extends HintProvider {
  readonly name = 'grounded' as const;
  readonly model = 'grounded-bm25';

  async generate({ context }: HintGeneration): Promise<ProviderReply> {
    return { text: writeGroundedHint(context), model: this.model, tokensIn: 0, tokensOut: 0 };
  }
}
