/** The model providers reached over the internet, each through its official SDK. */
export const MODEL_PROVIDERS = ['openai', 'anthropic', 'gemini'] as const;
export type ModelProviderName = (typeof MODEL_PROVIDERS)[number];

/** `grounded` builds hints from the lesson itself: no key, no network, always last in line. */
export type HintProviderName = ModelProviderName | 'grounded';
