import type { ProductEvent, ProductEventName, ProductPropertyValue } from './product-event.js';

/** The source event (an outbox payload) lacks a field the product event needs, or holds a wrong one. */
export class MalformedProductEventError extends Error {
  override readonly name = 'MalformedProductEventError';
}

type Payload = Readonly<Record<string, unknown>>;
/** Reads one property from a payload: undefined leaves the property out, a throw refuses the event. */
type Reader = (payload: Payload) => ProductPropertyValue | undefined;

/**
 * An identifier, slug or code (`javascript-basics`, `first_lesson`, `gpt-4o`, `topic_completed:apis`):
 * no spaces, no `@`, so free text, an email or a username with spaces cannot pass for one.
 */
const CODE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

const integer =
  (field: string): Reader =>
  (payload) => {
    const value = payload[field];
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
    throw new MalformedProductEventError(`${field} must be an integer`);
  };

const flag =
  (field: string): Reader =>
  (payload) => {
    const value = payload[field];
    if (typeof value === 'boolean') return value;
    throw new MalformedProductEventError(`${field} must be true or false`);
  };

const code =
  (field: string, { optional = false } = {}): Reader =>
  (payload) => {
    const value = payload[field];
    if (optional && (value === null || value === undefined)) return undefined;
    if (typeof value === 'string' && CODE.test(value)) return value;
    throw new MalformedProductEventError(`${field} must be an identifier`);
  };

interface Mapping {
  /** The payload field holding when the fact happened (ISO 8601). */
  time: string;
  /** The only properties sent: an allow-list, so a field added to a payload later is not sent by accident. */
  properties: Readonly<Record<string, Reader>>;
}

const MAPPINGS: Readonly<Record<ProductEventName, Mapping>> = {
  signed_up: { time: 'at', properties: {} },
  lesson_completed: {
    time: 'at',
    properties: {
      lesson_id: integer('lessonId'),
      lesson_version: integer('lessonVersion'),
      topic: code('topic'),
      difficulty: code('difficulty'),
      score: integer('score'),
      first_pass: flag('firstPass'),
    },
  },
  badge_earned: { time: 'awardedAt', properties: { badge: code('badge') } },
  hint_used: {
    time: 'at',
    properties: {
      lesson_id: integer('lessonId'),
      topic: code('topic'),
      exercise_id: code('exerciseId', { optional: true }),
      level: integer('level'),
      provider: code('provider'),
      cached: flag('cached'),
      outcome: code('outcome'),
    },
  },
};

/**
 * The product event an outbox event stands for. `eventId` (the outbox event's id) becomes the
 * insert id. Throws MalformedProductEventError when the payload cannot make the event: retrying
 * would not change that.
 */
export function toProductEvent(name: ProductEventName, payload: unknown, eventId: string): ProductEvent {
  if (typeof payload !== 'object' || payload === null) {
    throw new MalformedProductEventError(`${name}: the payload is not an object`);
  }
  const source = payload as Payload;
  const mapping = MAPPINGS[name];
  try {
    return {
      name,
      distinctId: String(integer('userId')(source)),
      insertId: insertIdOf(eventId),
      time: instant(source[mapping.time], mapping.time),
      properties: propertiesOf(source, mapping),
    };
  } catch (error) {
    if (error instanceof MalformedProductEventError) {
      throw new MalformedProductEventError(`${name}: ${error.message}`);
    }
    throw error;
  }
}

function propertiesOf(payload: Payload, mapping: Mapping): Record<string, ProductPropertyValue> {
  const properties: Record<string, ProductPropertyValue> = {};
  for (const [property, read] of Object.entries(mapping.properties)) {
    const value = read(payload);
    if (value !== undefined) properties[property] = value;
  }
  return properties;
}

function instant(value: unknown, field: string): Date {
  const time = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(time.getTime())) throw new MalformedProductEventError(`${field} must be an ISO 8601 instant`);
  return time;
}

/** Mixpanel takes up to 36 characters of letters, digits and '-': exactly a UUID. */
function insertIdOf(eventId: string): string {
  if (!/^[A-Za-z0-9-]{1,36}$/.test(eventId)) {
    throw new MalformedProductEventError(`event id "${eventId}" cannot be an insert id`);
  }
  return eventId;
}
