import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { HintContext, HintExercise, HintLesson } from './hint-context.js';
import { MODEL_PROVIDERS, type ModelProviderName } from './provider-name.js';
import {
  DEFAULT_ROUTING_POLICY,
  InvalidRoutingPolicyError,
  parseRoutingPolicy,
  routeHint,
  type RoutingPolicy,
} from './routing-policy.js';

const exercise: HintExercise = {
  id: 'ex-1',
  kind: 'true_false',
  prompt: 'A CDN stores copies of a website close to its visitors.',
  correct: [true],
  explanation: 'That is what a content delivery network is for.',
};

const context = (lesson: Partial<HintLesson> = {}, withExercise = true): HintContext => ({
  lesson: {
    id: 1,
    version: 1,
    topic: 'how-the-internet-works',
    title: 'CDNs',
    difficulty: 'beginner',
    content: 'A short lesson.',
    ...lesson,
  },
  exercise: withExercise ? exercise : undefined,
  level: 1,
});
const question = (lesson: Partial<HintLesson> = {}): HintContext => context(lesson, false);
const everyone = (): boolean => true;

describe('routeHint with the default policy', () => {
  it('sends an exercise hint to OpenAI first (short, fast), then Gemini, Anthropic and grounded', () => {
    expect(routeHint(DEFAULT_ROUTING_POLICY, context(), everyone)).toEqual({
      rule: 'exercise-hint',
      order: ['openai', 'gemini', 'anthropic', 'grounded'],
    });
  });

  it('sends a question about a lesson of 6,000 characters or more to Gemini first (long context)', () => {
    expect(routeHint(DEFAULT_ROUTING_POLICY, question({ content: 'x'.repeat(6_000) }), everyone)).toEqual({
      rule: 'long-lesson-question',
      order: ['gemini', 'anthropic', 'openai', 'grounded'],
    });
  });

  it('sends a question about a shorter lesson to Anthropic first (conceptual depth)', () => {
    expect(routeHint(DEFAULT_ROUTING_POLICY, question({ content: 'x'.repeat(5_999) }), everyone)).toEqual({
      rule: 'lesson-question',
      order: ['anthropic', 'openai', 'gemini', 'grounded'],
    });
  });

  it('sends an exercise hint on an advanced lesson to Anthropic first (technical depth)', () => {
    expect(routeHint(DEFAULT_ROUTING_POLICY, context({ difficulty: 'advanced' }), everyone)).toEqual({
      rule: 'advanced-lesson',
      order: ['anthropic', 'openai', 'gemini', 'grounded'],
    });
  });

  it('skips providers that are not usable (not configured, circuit open), keeping the order of the rest', () => {
    const route = routeHint(DEFAULT_ROUTING_POLICY, context(), (provider) => provider !== 'openai');

    expect(route).toEqual({ rule: 'exercise-hint', order: ['gemini', 'anthropic', 'grounded'] });
  });

  it('falls to the grounded provider alone when no model provider is usable (no keys on a fresh machine)', () => {
    expect(routeHint(DEFAULT_ROUTING_POLICY, question(), () => false)).toEqual({
      rule: 'lesson-question',
      order: ['grounded'],
    });
  });
});

describe('routeHint with a policy from configuration', () => {
  const policy: RoutingPolicy = {
    rules: [
      { name: 'security', when: { topics: ['cybersecurity', 'privacy'], purpose: 'exercise' }, order: ['anthropic'] },
      { name: 'beginners', when: { difficulties: ['beginner', 'intermediate'] }, order: ['gemini'] },
    ],
    fallback: ['openai', 'anthropic'],
  };

  it('takes the first rule whose every condition holds, then the fallback providers not yet listed', () => {
    expect(routeHint(policy, context({ topic: 'privacy' }), everyone)).toEqual({
      rule: 'security',
      order: ['anthropic', 'openai', 'grounded'],
    });
  });

  it('passes over a rule when one of its conditions does not hold', () => {
    expect(routeHint(policy, question({ topic: 'cybersecurity' }), everyone)).toEqual({
      rule: 'beginners',
      order: ['gemini', 'openai', 'anthropic', 'grounded'],
    });
  });

  it("reports 'fallback' and uses the fallback order when no rule matches", () => {
    expect(routeHint(policy, question({ difficulty: 'advanced' }), everyone)).toEqual({
      rule: 'fallback',
      order: ['openai', 'anthropic', 'grounded'],
    });
  });

  it('lists every usable provider at most once, only usable ones, and grounded last exactly once', () => {
    const providers = fc.constantFrom(...MODEL_PROVIDERS);
    const order = fc.uniqueArray(providers, { minLength: 1 });
    fc.assert(
      fc.property(order, order, fc.subarray([...MODEL_PROVIDERS]), fc.boolean(), (rule, fallback, usable, matches) => {
        const subject: RoutingPolicy = {
          rules: [{ name: 'r', when: { difficulties: [matches ? 'beginner' : 'advanced'] }, order: rule }],
          fallback,
        };
        const route = routeHint(subject, context(), (name) => usable.includes(name));
        const models = route.order.slice(0, -1) as ModelProviderName[];

        expect(route.order.at(-1)).toBe('grounded');
        expect(new Set(models).size).toBe(models.length);
        expect(models.every((name) => usable.includes(name))).toBe(true);
        const expected = matches ? [...new Set([...rule, ...fallback])] : fallback;
        expect(models).toEqual(expected.filter((name) => usable.includes(name)));
      }),
    );
  });
});

describe('parseRoutingPolicy', () => {
  const problemsOf = (raw: string): readonly string[] => {
    try {
      parseRoutingPolicy(raw);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidRoutingPolicyError);
      return (error as InvalidRoutingPolicyError).problems;
    }
    throw new Error('expected the policy to be refused');
  };

  it('reads a valid policy', () => {
    const raw = JSON.stringify({
      rules: [
        {
          name: 'security',
          when: { purpose: 'question', topics: ['cybersecurity'], difficulties: ['advanced'], minContentChars: 100 },
          order: ['anthropic', 'gemini'],
        },
        { name: 'everything else', when: {}, order: ['openai'] },
      ],
      fallback: ['openai'],
    });

    expect(parseRoutingPolicy(raw)).toEqual(JSON.parse(raw));
  });

  it('reads the default policy written as JSON back into the same policy', () => {
    expect(parseRoutingPolicy(JSON.stringify(DEFAULT_ROUTING_POLICY))).toEqual(DEFAULT_ROUTING_POLICY);
  });

  it('accepts a policy with no rules', () => {
    expect(parseRoutingPolicy('{"rules": [], "fallback": ["gemini"]}')).toEqual({ rules: [], fallback: ['gemini'] });
  });

  it('refuses text that is not JSON', () => {
    expect(problemsOf('{rules: []')).toEqual([expect.stringMatching(/^not JSON/)]);
  });

  it.each(['[]', 'null', '"openai"'])('refuses %s: not an object', (raw) => {
    expect(problemsOf(raw)).toEqual(['must be an object with "rules" and "fallback"']);
  });

  it('names every problem at once, with where it is', () => {
    const raw = JSON.stringify({
      rules: [
        { name: 'a', when: { purpose: 'chat', topics: ['Cyber Security'], minContentChars: -1 }, order: ['gpt-4o'] },
        { name: 'a', when: { difficulty: 'advanced' }, order: [], priority: 1 },
        { name: 'fallback', when: { difficulties: ['expert'] }, order: ['openai', 'openai', 'grounded'] },
        { name: '', when: [], order: 'openai' },
        'openai',
      ],
      fallback: [],
      version: 2,
    });

    expect(problemsOf(raw)).toEqual([
      'version: unknown key (expected "rules", "fallback")',
      'rules[0].when.purpose: "chat" is not one of "exercise", "question"',
      'rules[0].when.topics[0]: "Cyber Security" is not a topic slug (lowercase-with-dashes)',
      'rules[0].when.minContentChars: must be a whole number ≥ 0',
      'rules[0].order[0]: "gpt-4o" is not one of "openai", "anthropic", "gemini" ("grounded" is always last and is not listed)',
      'rules[1].priority: unknown key (expected "name", "when", "order")',
      'rules[1].when.difficulty: unknown key (expected "purpose", "topics", "difficulties", "minContentChars")',
      'rules[1].order: must be a non-empty array',
      'rules[2].name: "fallback" is reserved for hints no rule matches',
      'rules[2].when.difficulties[0]: "expert" is not one of "beginner", "intermediate", "advanced"',
      'rules[2].order[1]: "openai" is listed twice',
      'rules[2].order[2]: "grounded" is not one of "openai", "anthropic", "gemini" ("grounded" is always last and is not listed)',
      'rules[3].name: must be a non-empty string',
      'rules[3].when: must be an object (use {} to match every hint)',
      'rules[3].order: must be a non-empty array',
      'rules[4]: must be an object with "name", "when" and "order"',
      'rules: the name "a" is used more than once',
      'fallback: must be a non-empty array',
    ]);
  });

  it('requires both "rules" and "fallback"', () => {
    expect(problemsOf('{}')).toEqual([
      'rules: must be an array of rules (it may be empty)',
      'fallback: must be a non-empty array',
    ]);
  });

  it('says in its message that AI_ROUTING_POLICY is invalid and why', () => {
    expect(() => parseRoutingPolicy('{"rules": [], "fallback": ["mistral"]}')).toThrow(
      'AI_ROUTING_POLICY is invalid: fallback[0]: "mistral" is not one of',
    );
  });
});
