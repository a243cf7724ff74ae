import { Logger, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig, Environment } from '@techtrek/platform';
import { HintProvider, HintProviders } from '../../application/hint-provider.js';
import { MODEL_PROVIDERS, type ModelProviderName } from '../../domain/provider-name.js';
import { AnthropicHintProvider } from './anthropic-hint.provider.js';
import { GeminiHintProvider } from './gemini-hint.provider.js';
import { GroundedHintProvider } from './grounded-hint.provider.js';
import { OpenAiHintProvider } from './openai-hint.provider.js';
import type { ModelProviderSettings } from './provider-failures.js';

/**
 * The model providers that have a key, and the grounded provider. `available()` holds the model
 * providers only: the grounded one is not routed to by name, it is what is left when they fail.
 */
export class ConfiguredHintProviders extends HintProviders {
  constructor(
    private readonly models: readonly HintProvider[],
    private readonly groundedProvider: HintProvider,
  ) {
    super();
  }

  available(): readonly HintProvider[] {
    return this.models;
  }

  grounded(): HintProvider {
    return this.groundedProvider;
  }
}

const ADAPTERS: Record<ModelProviderName, new (settings: ModelProviderSettings) => HintProvider> = {
  openai: OpenAiHintProvider,
  anthropic: AnthropicHintProvider,
  gemini: GeminiHintProvider,
};

/** Each provider's key, base URL and model settings. */
const SETTING_NAMES = {
  openai: ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_MODEL'],
  anthropic: ['ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'ANTHROPIC_MODEL'],
  gemini: ['GEMINI_API_KEY', 'GEMINI_BASE_URL', 'GEMINI_MODEL'],
} as const satisfies Record<ModelProviderName, readonly (keyof Environment)[]>;

export const hintProvidersProvider: Provider = {
  provide: HintProviders,
  inject: [ConfigService, GroundedHintProvider],
  useFactory: (config: AppConfig, grounded: GroundedHintProvider): HintProviders => {
    const models = MODEL_PROVIDERS.flatMap((name) => {
      const settings = settingsOf(config, name);
      return settings ? [new ADAPTERS[name](settings)] : [];
    });
    const logger = new Logger('AiHints');
    if (models.length === 0) {
      logger.log('No model provider key (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY): every hint is grounded');
    } else {
      const on = models.map((provider) => `${provider.name} (${provider.model})`).join(', ');
      logger.log(`Hint providers: ${on}; grounded as the last fallback`);
    }
    return new ConfiguredHintProviders(models, grounded);
  },
};

/** The provider's settings, or undefined when it has no key (then it is simply not available). */
function settingsOf(config: AppConfig, name: ModelProviderName): ModelProviderSettings | undefined {
  const [keyName, baseUrlName, modelName] = SETTING_NAMES[name];
  const apiKey = config.get(keyName, { infer: true });
  if (!apiKey) return undefined;
  return {
    apiKey,
    baseUrl: config.get(baseUrlName, { infer: true }),
    model: config.get(modelName, { infer: true }),
    timeoutMs: config.get('AI_TIMEOUT_MS', { infer: true }),
    maxOutputTokens: config.get('AI_MAX_OUTPUT_TOKENS', { infer: true }),
    ...(name === 'gemini' ? { thinkingBudget: config.get('GEMINI_THINKING_BUDGET', { infer: true }) } : {}),
  };
}
