import { hintPurpose, type HintContext, type HintLesson, type HintPurpose } from './hint-context.js';
import { MODEL_PROVIDERS, type HintProviderName, type ModelProviderName } from './provider-name.js';

/** What a rule asks of a hint; every condition given must hold, and a rule with none matches every hint. */
export interface RoutingConditions {
  purpose?: HintPurpose;
  /** Lesson topic slugs, e.g. "cybersecurity"; any one of them. */
  topics?: readonly string[];
  difficulties?: readonly HintLesson['difficulty'][];
  /** The lesson's content is at least this long, in characters. */
  minContentChars?: number;
}

export interface RoutingRule {
  /** Recorded with each hint request, so admins see which rule sent it where. */
  name: string;
  when: RoutingConditions;
  /** Providers to ask, first to last; a provider that fails, times out or whose circuit is open is skipped. */
  order: readonly ModelProviderName[];
}

/** Rules are tried in order: the first that matches picks the providers, then come the fallback's others. */
export interface RoutingPolicy {
  rules: readonly RoutingRule[];
  /** The order when no rule matches, and the providers appended after a rule's own. */
  fallback: readonly ModelProviderName[];
}

/** Which rule matched (or 'fallback'), and the providers to ask in turn, always ending with 'grounded'. */
export interface HintRoute {
  rule: string;
  order: HintProviderName[];
}

/** The rule name a route reports when no rule matched. */
export const FALLBACK_RULE = 'fallback';

/**
 * The built-in policy (AI_ROUTING_POLICY unset):
 * - `long-lesson-question`: a learner's question about a long lesson (≥ 6,000 characters) goes to
 *   Gemini 2.5 Pro first: the longest context window at the lowest input price, so the whole lesson
 *   fits and costs least when the question may be about any part of it.
 * - `advanced-lesson` and `lesson-question`: technical depth, hints on advanced lessons and
 *   conceptual questions, go to Claude 3.7 Sonnet first, the product owner's pick for careful
 *   explanations that keep to instructions (here: never give the answer away).
 * - `exercise-hint`: other exercise hints are short and the learner is waiting mid-exercise:
 *   GPT-4o first, the fastest to a first (and here, last) token of the three.
 * - fallback: OpenAI, Anthropic, Gemini; after any rule's own order the rest of these follow,
 *   and the grounded provider always comes last.
 */
export const DEFAULT_ROUTING_POLICY: RoutingPolicy = {
  rules: [
    {
      name: 'long-lesson-question',
      when: { purpose: 'question', minContentChars: 6_000 },
      order: ['gemini', 'anthropic', 'openai'],
    },
    { name: 'advanced-lesson', when: { difficulties: ['advanced'] }, order: ['anthropic', 'openai', 'gemini'] },
    { name: 'lesson-question', when: { purpose: 'question' }, order: ['anthropic', 'openai', 'gemini'] },
    { name: 'exercise-hint', when: { purpose: 'exercise' }, order: ['openai', 'gemini', 'anthropic'] },
  ],
  fallback: ['openai', 'anthropic', 'gemini'],
};

/**
 * The providers to ask for a hint: the first matching rule's order, then the fallback's providers
 * not yet listed, keeping only those `usable` says may be asked now (configured, circuit not open),
 * and the grounded provider last, so there is always an answer.
 */
export function routeHint(
  policy: RoutingPolicy,
  context: HintContext,
  usable: (provider: ModelProviderName) => boolean,
): HintRoute {
  const rule = policy.rules.find((candidate) => holds(candidate.when, context));
  const wanted = new Set([...(rule?.order ?? []), ...policy.fallback]);
  return { rule: rule?.name ?? FALLBACK_RULE, order: [...[...wanted].filter(usable), 'grounded'] };
}

function holds(when: RoutingConditions, context: HintContext): boolean {
  const { lesson } = context;
  return (
    (when.purpose === undefined || when.purpose === hintPurpose(context)) &&
    (when.topics === undefined || when.topics.includes(lesson.topic)) &&
    (when.difficulties === undefined || when.difficulties.includes(lesson.difficulty)) &&
    (when.minContentChars === undefined || lesson.content.length >= when.minContentChars)
  );
}

/** AI_ROUTING_POLICY is not a valid policy; `problems` names each thing wrong, with where it is. */
export class InvalidRoutingPolicyError extends Error {
  override readonly name = 'InvalidRoutingPolicyError';

  constructor(readonly problems: readonly string[]) {
    super(`AI_ROUTING_POLICY is invalid: ${problems.join('; ')}`);
  }
}

/**
 * Reads a policy from JSON text (AI_ROUTING_POLICY), the same shape as `RoutingPolicy`:
 * `{"rules": [{"name": "security", "when": {"topics": ["cybersecurity"]}, "order": ["anthropic"]}],
 * "fallback": ["openai", "gemini"]}`. Rejects, naming every problem at once: unknown keys,
 * unknown providers ('grounded' included: it is always last, never listed), wrong types, empty or
 * repeating lists, and duplicate or reserved rule names.
 */
export function parseRoutingPolicy(raw: string): RoutingPolicy {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new InvalidRoutingPolicyError([`not JSON (${(error as Error).message})`]);
  }
  const problems: string[] = [];
  const policy = readPolicy(value, problems);
  if (problems.length > 0) throw new InvalidRoutingPolicyError(problems);
  return policy;
}

const quoted = (names: readonly string[]): string => names.map((name) => `"${name}"`).join(', ');

const TOPIC_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** What the items of a list may be, and how a problem names what was expected. */
interface ItemKind<T extends string> {
  accepts: (item: unknown) => item is T;
  expected: string;
}

const oneOf = <T extends string>(names: readonly T[], note = ''): ItemKind<T> => ({
  accepts: (item: unknown): item is T => names.includes(item as T),
  expected: `one of ${quoted(names)}${note}`,
});

const PROVIDER = oneOf(MODEL_PROVIDERS, ' ("grounded" is always last and is not listed)');
const PURPOSE = oneOf<HintPurpose>(['exercise', 'question']);
const DIFFICULTY = oneOf<HintLesson['difficulty']>(['beginner', 'intermediate', 'advanced']);
const TOPIC: ItemKind<string> = {
  accepts: (item: unknown): item is string => typeof item === 'string' && TOPIC_SLUG.test(item),
  expected: 'a topic slug (lowercase-with-dashes)',
};

function readPolicy(value: unknown, problems: string[]): RoutingPolicy {
  if (!isRecord(value)) {
    problems.push('must be an object with "rules" and "fallback"');
    return { rules: [], fallback: [] };
  }
  reportUnknownKeys(value, ['rules', 'fallback'], '', problems);
  let rules: RoutingRule[] = [];
  if (Array.isArray(value.rules)) rules = value.rules.map((rule, index) => readRule(rule, `rules[${index}]`, problems));
  else problems.push('rules: must be an array of rules (it may be empty)');
  const names = rules.map((rule) => rule.name).filter((name) => name !== '');
  for (const name of new Set(names.filter((name, index) => names.indexOf(name) !== index))) {
    problems.push(`rules: the name "${name}" is used more than once`);
  }
  return { rules, fallback: readList(value.fallback, 'fallback', PROVIDER, problems) };
}

function readRule(value: unknown, path: string, problems: string[]): RoutingRule {
  if (!isRecord(value)) {
    problems.push(`${path}: must be an object with "name", "when" and "order"`);
    return { name: '', when: {}, order: [] };
  }
  reportUnknownKeys(value, ['name', 'when', 'order'], path, problems);
  const name = typeof value.name === 'string' ? value.name.trim() : '';
  if (name === '') problems.push(`${path}.name: must be a non-empty string`);
  if (name === FALLBACK_RULE) problems.push(`${path}.name: "${FALLBACK_RULE}" is reserved for hints no rule matches`);
  return {
    name,
    when: readConditions(value.when, `${path}.when`, problems),
    order: readList(value.order, `${path}.order`, PROVIDER, problems),
  };
}

function readConditions(value: unknown, path: string, problems: string[]): RoutingConditions {
  if (!isRecord(value)) {
    problems.push(`${path}: must be an object (use {} to match every hint)`);
    return {};
  }
  reportUnknownKeys(value, ['purpose', 'topics', 'difficulties', 'minContentChars'], path, problems);
  const when: RoutingConditions = {};
  if ('purpose' in value) {
    if (PURPOSE.accepts(value.purpose)) when.purpose = value.purpose;
    else problems.push(`${path}.purpose: ${JSON.stringify(value.purpose)} is not ${PURPOSE.expected}`);
  }
  if ('topics' in value) when.topics = readList(value.topics, `${path}.topics`, TOPIC, problems);
  if ('difficulties' in value) {
    when.difficulties = readList(value.difficulties, `${path}.difficulties`, DIFFICULTY, problems);
  }
  if ('minContentChars' in value) {
    const chars = value.minContentChars;
    if (typeof chars === 'number' && Number.isSafeInteger(chars) && chars >= 0) when.minContentChars = chars;
    else problems.push(`${path}.minContentChars: must be a whole number ≥ 0`);
  }
  return when;
}

/** A non-empty array of distinct items of one kind. */
function readList<T extends string>(value: unknown, path: string, kind: ItemKind<T>, problems: string[]): T[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`${path}: must be a non-empty array`);
    return [];
  }
  const items: T[] = [];
  value.forEach((item, index) => {
    if (!kind.accepts(item)) problems.push(`${path}[${index}]: ${JSON.stringify(item)} is not ${kind.expected}`);
    else if (items.includes(item)) problems.push(`${path}[${index}]: ${JSON.stringify(item)} is listed twice`);
    else items.push(item);
  });
  return items;
}

function reportUnknownKeys(value: Record<string, unknown>, known: readonly string[], path: string, problems: string[]) {
  for (const key of Object.keys(value).filter((candidate) => !known.includes(candidate))) {
    problems.push(`${path ? `${path}.` : ''}${key}: unknown key (expected ${quoted(known)})`);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
