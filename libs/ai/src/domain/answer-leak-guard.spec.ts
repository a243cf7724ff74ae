import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { findAnswerLeak, redactAnswer } from './answer-leak-guard.js';
import type { HintExercise } from './hint-context.js';

const base = { explanation: 'Because.' };

const waiter: HintExercise = {
  ...base,
  id: 'apis-1-2',
  kind: 'single_choice',
  prompt: 'In the restaurant analogy, what does the API represent?',
  options: ['The kitchen', 'The waiter', 'The customer', 'The dish'],
  correct: ['The waiter'],
};

const firstIsRight: HintExercise = { ...waiter, correct: ['The kitchen'] };

const methods: HintExercise = {
  ...base,
  id: 'm',
  kind: 'multiple_choice',
  prompt: 'Which methods read or create data?',
  options: ['SEND', 'GET', 'HTTPS', 'POST'],
  correct: ['GET', 'POST'],
};

const password: HintExercise = {
  ...base,
  id: 'apis-1-3',
  kind: 'true_false',
  prompt: 'When you use a "Sign in with Google" button, the website gets to see your Google password.',
  correct: [false],
};

const steps: HintExercise = {
  ...base,
  id: 'o',
  kind: 'ordering',
  prompt: 'Put the steps of a web request in order.',
  items: ['Respond', 'Request', 'Process'],
  correct: ['Request', 'Process', 'Respond'],
};

const acronym: HintExercise = {
  ...base,
  id: 'apis-1-1',
  kind: 'fill_blank',
  prompt: 'API stands for Application Programming ___.',
  correct: ['Interface', 'e-mail address', 'HTTP'],
};

const leakOf = (exercise: HintExercise) => (hint: string) => findAnswerLeak(hint, exercise);

describe('findAnswerLeak: choice exercises', () => {
  it.each(['Think about the waiter.', 'Ｔｈｅ Waiter!!', 'It is the WAITER, obviously', 'the\u00a0waiter'])(
    'flags the correct option text: %j',
    (hint) => {
      expect(leakOf(waiter)(hint)).toBe('names the correct option');
    },
  );

  it.each([
    'Think about who carries your order.',
    'A waiters union is not the point.',
    'Not the kitchen: that is where the work happens.',
  ])('passes a hint without it: %j', (hint) => {
    expect(leakOf(waiter)(hint)).toBeNull();
  });

  it.each([
    'The answer is B.',
    'Option B is worth a look',
    'It is option b',
    'choice B',
    'letter B',
    'Go with (b) here.',
    'B) is where to look',
    'Pick B.',
    "It's B!",
    'B is correct.',
    'Answer: B',
    'options A and B',
  ])('flags the correct letter: %j', (hint) => {
    expect(leakOf(waiter)(hint)).toBe('names the correct option by its letter');
  });

  it.each(['Option C is tempting.', 'Plan B is not needed.', 'Vitamin B helps.', 'b-trees are fast'])(
    'passes other letters and a B that is not an option: %j',
    (hint) => expect(leakOf(waiter)(hint)).toBeNull(),
  );

  it.each(['The answer is A.', 'Option A is right', 'The answer is A because it cooks.', '(a)', 'a) is where to look'])(
    'flags the letter A only where it cannot be the article: %j',
    (hint) => expect(leakOf(firstIsRight)(hint)).toBe('names the correct option by its letter'),
  );

  it.each([
    'The answer is a place where food is made.',
    'An option a chef would like.',
    'Answer: A good place to start is the menu.',
    'A waiter brings dishes.',
    'Choose a moment to reread.',
  ])('passes the article a: %j', (hint) => expect(leakOf(firstIsRight)(hint)).toBeNull());

  it.each(['the second option', 'Option 2', 'option #2', 'choice two', 'the 2nd choice', 'The second one is right'])(
    'flags the correct position: %j',
    (hint) => expect(leakOf(waiter)(hint)).toBe('names the correct option by its position'),
  );

  it.each([
    'The second step is to read the menu.',
    'Option 3 is tempting.',
    'two options are wrong',
    'the answer is one of them',
  ])('passes positions that are not the answer: %j', (hint) => expect(leakOf(waiter)(hint)).toBeNull());

  it('reads "last option" as the position of the last option', () => {
    expect(leakOf({ ...waiter, correct: ['The dish'] })('Look at the last option.')).toBe(
      'names the correct option by its position',
    );
    expect(leakOf(waiter)('Look at the last option.')).toBeNull();
  });

  it('checks every correct option of a multiple choice, whole words only', () => {
    expect(leakOf(methods)('POST sends data.')).toBe('names the correct option');
    expect(leakOf(methods)('One reads with get, right?')).toBe('names the correct option');
    expect(leakOf(methods)('Options B and D.')).toBe('names the correct option by its letter');
    expect(leakOf(methods)('HTTPS encrypts; SEND is not a method. Posting and getting differ.')).toBeNull();
  });

  it('does not flag a correct option inside a wrong option that contains it', () => {
    const keys: HintExercise = {
      ...waiter,
      options: ['Composite primary key', 'Primary key'],
      correct: ['Primary key'],
    };
    expect(leakOf(keys)('Rule out "Composite primary key".')).toBeNull();
    expect(leakOf(keys)('A composite primary key is not a primary key.')).toBe('names the correct option');
  });

  it('does not flag a correct option quoted with the prompt around it, but does anywhere else', () => {
    const protocols: HintExercise = {
      ...waiter,
      prompt: 'Which is faster for video calls, TCP or UDP?',
      options: ['TCP', 'UDP'],
      correct: ['UDP'],
    };
    expect(leakOf(protocols)('Faster for video calls: TCP or UDP? Think about waiting for lost packets.')).toBeNull();
    expect(leakOf(protocols)('TCP or UDP? It is UDP.')).toBe('names the correct option');
    expect(leakOf(protocols)('Consider UDP.')).toBe('names the correct option');
  });
});

describe('findAnswerLeak: true/false', () => {
  it.each([
    'The statement is false.',
    'That is not true',
    "That's wrong.",
    "It isn't correct: Google keeps it.",
    'This is definitely incorrect',
    'The claim that the website sees your password is untrue.',
    'False: your password stays with Google.',
    'Correct, because the API hides it.',
    'True.',
    'Definitely false!',
    'No.',
    'Yes, that is right.',
    'The answer is true',
    'Answer: false',
    'It is true that the website never sees it.',
  ])('flags a verdict: %j', (hint) => {
    expect(leakOf(password)(hint)).toBe('gives a verdict on the statement');
  });

  it.each([
    'Check whether the statement is true for every website.',
    'Decide if it is true or false.',
    'Is it true? Ask where the password is typed.',
    'True or false: think about who holds your password.',
    'A true expert would ask who stores the password.',
    'Right after you click, Google asks for your password.',
    'The server is right there in the data centre.',
    'Think about what is correct practice for passwords.',
    'The wrong way would be to share it.',
  ])('passes ordinary prose: %j', (hint) => {
    expect(leakOf(password)(hint)).toBeNull();
  });
});

describe('findAnswerLeak: ordering', () => {
  it.each([
    'First Request, then Process, then Respond.',
    'request → process → respond',
    'Request. Process. Request again. Respond.',
  ])('flags the full order: %j', (hint) => expect(leakOf(steps)(hint)).toBe('gives the full order'));

  it.each([
    'Start with Request.',
    'Request comes before Process.',
    'Respond, Request and Process are the steps.',
    'Process happens after Request and before Respond? Think.',
    'Requests, processes and responses.',
  ])('passes partial or unordered mentions: %j', (hint) => expect(leakOf(steps)(hint)).toBeNull());
});

describe('findAnswerLeak: ordering items that are sentences', () => {
  const pageLoad: HintExercise = {
    ...steps,
    prompt: 'Put the steps of loading a secure web page in the correct order.',
    items: [],
    correct: [
      'DNS lookup finds the IP address',
      'The browser connects to the server',
      'Browser and server set up encryption with TLS',
      'The browser sends an HTTP request',
      'The server responds and the browser renders the page',
    ],
  };

  it('reads a paraphrase through the words only one item has', () => {
    const explanation =
      "The browser needs the server's address (DNS) before it can connect, must secure the connection (TLS) " +
      'before sending the request, and can only display the page once the server has responded.';
    expect(leakOf(pageLoad)(explanation)).toBe('gives the full order');
    expect(findAnswerLeak(redactAnswer(explanation, pageLoad), pageLoad)).toBeNull();
  });

  it('passes a paraphrase of some steps, or of all in another order', () => {
    expect(leakOf(pageLoad)('It starts with a DNS lookup, then the browser connects.')).toBeNull();
    expect(leakOf(pageLoad)('Rendering, TLS, DNS, connecting and sending all take part.')).toBeNull();
  });

  it('does not count words of the prompt ("page") as pointing at an item', () => {
    expect(leakOf(pageLoad)('DNS, connect, TLS, send, and there is the page.')).toBeNull();
    expect(leakOf(pageLoad)('DNS, connect, TLS, send, and the page renders.')).toBe('gives the full order');
  });
});

describe('findAnswerLeak: fill in the blank', () => {
  it.each([
    'It is the interface.',
    'ＩＮＴＥＲＦＡＣＥ!',
    'Your e-mail address.',
    'Your email address',
    'HTTP/HTTPS',
    'Use http.',
  ])('flags an accepted answer as a whole word, in any spelling: %j', (hint) => {
    expect(leakOf(acronym)(hint)).toBe('names an accepted answer');
  });

  it.each([
    'Interfaces are everywhere.',
    'HTTPS is secure.',
    'Your e-mail is private.',
    'API stands for Application Programming ___.',
  ])('passes a different word: %j', (hint) => expect(leakOf(acronym)(hint)).toBeNull());
});

describe('redactAnswer', () => {
  it('blanks the answer in a lesson passage and leaves the rest readable', () => {
    expect(redactAnswer('API stands for Application Programming Interface: a defined way.', acronym)).toBe(
      'API stands for Application Programming ____: a defined way.',
    );
    expect(redactAnswer('The waiter (the API) brings the dish.', waiter)).toBe('____ (the API) brings the dish.');
    expect(redactAnswer('The statement is false because Google keeps it.', password)).toBe(
      'The statement ____ because Google keeps it.',
    );
    expect(redactAnswer('First Request, then Process, then Respond.', steps)).toBe('First ____, then ____, then ____.');
    expect(redactAnswer('Option B, the waiter.', waiter)).toBe('Option ____, ____.');
  });

  it('repeats when blanking joins words into a new leak', () => {
    const colours: HintExercise = { ...acronym, correct: ['green', 'red blue'] };
    expect(redactAnswer('red green blue', colours)).toBe('____');
  });

  it('leaves text that gives nothing away unchanged', () => {
    const text = 'Think about who carries your order to the kitchen.';
    expect(redactAnswer(text, waiter)).toBe(text);
  });
});

const word = fc.stringMatching(/^[A-Za-z][a-z]{0,7}$/);
const phrase = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
const leakyBits = fc.constantFrom(
  'option B',
  '(a)',
  'the answer is A.',
  'is true.',
  'False:',
  'No.',
  'second option',
  '____',
);

function exerciseArbitrary(): fc.Arbitrary<HintExercise> {
  const choices = fc.uniqueArray(phrase, { minLength: 2, maxLength: 5, selector: (text) => text.toLowerCase() });
  return fc.oneof(
    choices.chain((options) =>
      fc.constantFrom(...options).map((right): HintExercise => ({ ...waiter, options, correct: [right] })),
    ),
    choices.chain((options) =>
      fc.subarray(options, { minLength: 1 }).map((correct): HintExercise => ({ ...methods, options, correct })),
    ),
    fc.boolean().map((value): HintExercise => ({ ...password, correct: [value] })),
    choices.map((items): HintExercise => ({ ...steps, items: [...items].reverse(), correct: items })),
    fc.array(phrase, { minLength: 1, maxLength: 3 }).map((correct): HintExercise => ({ ...acronym, correct })),
  );
}

describe('redactAnswer: property', () => {
  it('leaves nothing findAnswerLeak flags, for any exercise and any text made from its own words', () => {
    fc.assert(
      fc.property(
        exerciseArbitrary().chain((exercise) => {
          const own = [...(exercise.options ?? []), ...exercise.correct.map(String), exercise.prompt];
          const piece = fc.oneof(fc.constantFrom(...own), leakyBits, word, fc.string({ maxLength: 6, unit: 'binary' }));
          const separator = fc.constantFrom(' ', ', ', '. ', '\n', ' (', ') ', '-', '/');
          const text = fc.array(fc.tuple(piece, separator), { maxLength: 12 }).map((parts) => parts.flat().join(''));
          return fc.tuple(fc.constant(exercise), text);
        }),
        ([exercise, text]) => {
          expect(findAnswerLeak(redactAnswer(text, exercise), exercise)).toBeNull();
        },
      ),
      { numRuns: 500 },
    );
  });
});
