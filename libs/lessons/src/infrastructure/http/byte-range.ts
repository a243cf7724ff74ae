/** An inclusive byte range of a file, as HTTP counts them. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Reads a `Range` header (RFC 9110 §14.2) against a file of `size` bytes. Players seek in audio and
 * video with single ranges (iOS will not play video without them), so only those are honoured.
 * Anything else — absent, malformed, another unit, several ranges, or past the end — gives
 * `undefined`: the whole file is sent with a 200, which the RFC allows for any Range.
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined || size === 0) return undefined;
  const match = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [first, last] = [match[1], match[2]];
  if (first === '') {
    // A suffix: the last N bytes.
    const length = Number(last);
    return length === 0 ? undefined : { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Number(last);
  if (end < start || start >= size) return undefined;
  return { start, end: Math.min(end, size - 1) };
}
