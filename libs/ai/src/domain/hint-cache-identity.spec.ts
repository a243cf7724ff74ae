import { describe, expect, it } from '@jest/globals';
import type { HintContext } from './hint-context.js';
import { hintCacheIdentity } from './hint-cache-identity.js';

const context: HintContext = {
  lesson: { id: 7, version: 2, topic: 'apis', title: 'What is an API?', difficulty: 'beginner', content: 'Text.' },
  exercise: {
    id: 'apis-1-1',
    kind: 'multiple_choice',
    prompt: 'Which are APIs?',
    options: ['REST', 'SOAP', 'Pasta'],
    correct: ['REST', 'SOAP'],
    explanation: 'Both are API styles.',
  },
  level: 1,
};

describe('hintCacheIdentity', () => {
  it('treats case, punctuation, spacing and the order of chosen options as the same request', () => {
    expect(hintCacheIdentity({ ...context, userAnswer: ['rest', 'Pasta!'] })).toBe(
      hintCacheIdentity({ ...context, userAnswer: ['  PASTA', 'REST'] }),
    );
    expect(hintCacheIdentity({ ...context, question: 'What is REST?' })).toBe(
      hintCacheIdentity({ ...context, question: 'what is   rest' }),
    );
  });

  it('keeps apart what changes the hint: level, version, exercise, answer, question, item order', () => {
    const base = hintCacheIdentity(context);
    expect(hintCacheIdentity({ ...context, level: 2 })).not.toBe(base);
    expect(hintCacheIdentity({ ...context, lesson: { ...context.lesson, version: 3 } })).not.toBe(base);
    expect(hintCacheIdentity({ ...context, exercise: undefined })).not.toBe(base);
    expect(hintCacheIdentity({ ...context, userAnswer: ['REST'] })).not.toBe(base);
    expect(hintCacheIdentity({ ...context, question: 'why?' })).not.toBe(base);
    expect(hintCacheIdentity({ ...context, userAnswer: false })).not.toBe(
      hintCacheIdentity({ ...context, userAnswer: 'false' }),
    );
    const ordering = { ...context, exercise: { ...context.exercise!, kind: 'ordering' as const } };
    expect(hintCacheIdentity({ ...ordering, userAnswer: ['a', 'b'] })).not.toBe(
      hintCacheIdentity({ ...ordering, userAnswer: ['b', 'a'] }),
    );
  });
});
