import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { excerptFor, rankPassages, searchTerms, splitPassages } from './passage-retrieval.js';

const LESSON = [
  'Your weather app does not own a weather station. It asks other systems through APIs.',
  '## The restaurant waiter\nThe classic analogy is a waiter: you give your order to the waiter (the API).',
  '## APIs are everywhere\n- **"Sign in with Google"** buttons use APIs\n- Online payments use a [payment provider](https://pay.example) API.',
  'A webhook calls you when something happens, instead of you polling every hour.',
].join('\n\n');

describe('splitPassages', () => {
  it('splits on blank lines and strips Markdown: headings, lists, emphasis, links', () => {
    expect(splitPassages(LESSON)).toEqual([
      'Your weather app does not own a weather station. It asks other systems through APIs.',
      'The restaurant waiter: The classic analogy is a waiter: you give your order to the waiter (the API).',
      'APIs are everywhere: "Sign in with Google" buttons use APIs. Online payments use a payment provider API.',
      'A webhook calls you when something happens, instead of you polling every hour.',
    ]);
  });

  it('joins a heading standing alone to the paragraph after it', () => {
    expect(splitPassages('# Keys\n\nA primary key names one row.\n\n## Last words')).toEqual([
      'Keys: A primary key names one row.',
      'Last words:',
    ]);
  });

  it('keeps a fenced code block whole, blank lines included, without reading it as Markdown', () => {
    const content = 'Run this:\n\n```bash\n# install\nnpm install\n\nnpm test\n```\n\nDone.';
    expect(splitPassages(content)).toEqual(['Run this:', '# install npm install npm test', 'Done.']);
  });

  it('drops table rules, horizontal rules, images and HTML, and keeps snake_case and lone stars', () => {
    const content = '| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n\n![diagram](x.png) <b>bold</b> my_var_name 2 * 3 * 4';
    expect(splitPassages(content)).toEqual(['a b 1 2', 'diagram bold my_var_name 2 * 3 * 4']);
  });

  it('returns nothing for empty content, and handles CRLF line ends', () => {
    expect(splitPassages('  \n\n ')).toEqual([]);
    expect(splitPassages('One.\r\n\r\nTwo.')).toEqual(['One.', 'Two.']);
  });
});

describe('searchTerms', () => {
  it('normalises, drops stop words and stems plurals and verb endings alike', () => {
    expect(searchTerms('The Keys!')).toEqual(['key']);
    expect(searchTerms('keyed keying key')).toEqual(['key', 'key', 'key']);
    expect(searchTerms('stopped stopping stop')).toEqual(['stop', 'stop', 'stop']);
    expect(searchTerms('Libraries classes status HTTP/2')).toEqual(['library', 'class', 'status', 'http2']);
    expect(searchTerms('Ｗｅｂｈｏｏｋｓ')).toEqual(['webhook']);
    expect(searchTerms('APIs API KPIs')).toEqual(['api', 'api', 'kpi']);
  });
});

describe('rankPassages', () => {
  it('ranks first the passage that mentions the query terms', () => {
    expect(rankPassages(LESSON, 'What does the waiter do?', 1)).toEqual([splitPassages(LESSON)[1]]);
    expect(rankPassages(LESSON, 'polling webhooks', 1)).toEqual([splitPassages(LESSON)[3]]);
  });

  it('weighs a rare term more than a common one', () => {
    const content = 'APIs carry data. APIs again.\n\nAPIs are common.\n\nOAuth tokens are rare here.';
    // "apis" is in every passage (weight ~0), "oauth" in one.
    expect(rankPassages(content, 'APIs OAuth', 3)).toEqual([
      'OAuth tokens are rare here.',
      'APIs carry data. APIs again.',
      'APIs are common.',
    ]);
  });

  it('prefers the shorter passage for the same matches (length normalisation)', () => {
    const long = 'A token proves who you are, and it also carries many other words that say little about it.';
    const content = `${long}\n\nA token proves who you are.\n\nSomething else.`;
    expect(rankPassages(content, 'token', 2)).toEqual(['A token proves who you are.', long]);
  });

  it('returns only matching passages, at most `limit`, ties in lesson order', () => {
    expect(rankPassages('Cats purr.\n\nDogs bark.\n\nCats sleep.', 'cats', 5)).toEqual(['Cats purr.', 'Cats sleep.']);
    expect(rankPassages(LESSON, 'APIs', 2)).toHaveLength(2);
  });

  it('falls back to the first passages when nothing matches (or the query is only stop words)', () => {
    expect(rankPassages(LESSON, 'quantum entanglement', 2)).toEqual(splitPassages(LESSON).slice(0, 2));
    expect(rankPassages(LESSON, 'what is the', 1)).toEqual(splitPassages(LESSON).slice(0, 1));
    expect(rankPassages('', 'anything', 3)).toEqual([]);
  });

  it('is deterministic and only ever returns passages of the lesson', () => {
    fc.assert(
      fc.property(
        fc.array(fc.lorem({ maxCount: 3 }), { maxLength: 6 }),
        fc.lorem({ maxCount: 2 }),
        (paragraphs, query) => {
          const content = paragraphs.join('\n\n');
          const ranked = rankPassages(content, query, 3);
          expect(rankPassages(content, query, 3)).toEqual(ranked);
          expect(ranked.length).toBeLessThanOrEqual(3);
          for (const passage of ranked) expect(splitPassages(content)).toContain(passage);
        },
      ),
    );
  });
});

describe('excerptFor', () => {
  const passage =
    'Your weather app does not own a weather station. Your delivery app does not draw maps. ' +
    'API stands for Application Programming Interface: a defined way to ask. It is everywhere.';

  it('returns a passage that fits as it is', () => {
    expect(excerptFor(passage, 'anything', 500)).toBe(passage);
  });

  it('quotes the whole sentences that match the query best, within the limit', () => {
    expect(excerptFor(passage, 'What does API stand for?', 100)).toBe(
      'API stands for Application Programming Interface: a defined way to ask. It is everywhere.',
    );
    expect(excerptFor(passage, 'delivery maps', 60)).toBe('Your delivery app does not draw maps.');
  });

  it('starts at the beginning when nothing matches', () => {
    expect(excerptFor(passage, 'quantum', 100)).toBe(
      'Your weather app does not own a weather station. Your delivery app does not draw maps.',
    );
  });

  it('returns the passage when no sentence fits, and never more than the limit otherwise', () => {
    expect(excerptFor(passage, 'API', 10)).toBe(passage);
    expect(excerptFor(passage, 'API', 20)).toBe('It is everywhere.');
    fc.assert(
      fc.property(fc.lorem({ mode: 'sentences', maxCount: 8 }), fc.lorem({ maxCount: 3 }), (text, query) => {
        const excerpt = excerptFor(text, query, 80);
        expect(excerpt === text || excerpt.length <= 80).toBe(true);
        expect(text).toContain(excerpt.split(' ')[0]);
      }),
    );
  });
});
