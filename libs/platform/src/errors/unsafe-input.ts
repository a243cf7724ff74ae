import type { FieldProblem } from '../kernel/domain-error.js';

/** Deeper than any DTO of ours nests (a lesson's exercises reach 4); far from what recursion survives. */
export const MAX_DEPTH = 32;
const TEXT_MESSAGE = 'must be well-formed Unicode text without NUL characters';
const DEPTH_MESSAGE = `is nested more than ${MAX_DEPTH} levels deep`;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Finds what in a request value (a JSON body, a query, a path parameter) the app must not be
 * handed. Text no column can hold as sent: PostgreSQL `text` refuses U+0000 with an error, and a
 * lone UTF-16 surrogate is silently replaced by U+FFFD, so what is read back would differ from what
 * was stored. And nesting deep enough that the recursive walks after this one (the idempotency
 * fingerprint, class-transformer, class-validator, our own mappers) overflow the stack. Both only come from broken or hostile
 * clients. The walk is iterative, so it survives any depth the body limit lets through.
 */
export function findUnsafeInput(value: unknown, root: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const pending: [unknown, string, number][] = [[value, root, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, path, depth] = next;
    if (typeof item === 'string') {
      if (isUnsafeText(item)) problems.push({ field: path, message: TEXT_MESSAGE });
      continue;
    }
    const children = childrenOf(item, path);
    if (children.length > 0 && depth >= MAX_DEPTH) return [{ field: path, message: DEPTH_MESSAGE }];
    for (const [key, child, childPath] of children.reverse()) {
      if (isUnsafeText(key)) problems.push({ field: childPath, message: TEXT_MESSAGE });
      else pending.push([child, childPath, depth + 1]);
    }
  }
  return problems;
}

function isUnsafeText(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

/** `[key, value, path]` of an array's items or a plain object's members; nothing for anything else. */
function childrenOf(item: unknown, path: string): [string, unknown, string][] {
  if (Array.isArray(item)) return item.map((child, index) => ['', child, `${path}[${index}]`]);
  if (!isPlainObject(item)) return [];
  return Object.entries(item).map(([key, child]) => [key, child, path ? `${path}.${key}` : key]);
}

/**
 * JSON bodies are plain objects; Fastify's query strings are objects whose prototype has no
 * prototype itself (fast-querystring's `Empty`). Class instances (a Buffer, a Date) are not walked.
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || prototype === Object.prototype || Object.getPrototypeOf(prototype) === null;
}
