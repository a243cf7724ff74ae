/** Where the board is mounted: its page, its assets and its JSON API all live below. */
export const BOARD_ROUTE = '/admin/queues';

/**
 * The cookie that carries an admin's access token to the board in a browser, which cannot add an
 * `Authorization` header to a page load. Only sent to the board's own paths, never to scripts.
 */
export const BOARD_COOKIE = 'techtrek_board';

/** A board cookie lasts no longer than this (and never longer than its token). */
export const BOARD_COOKIE_MAX_AGE_SECONDS = 15 * 60;

/** The bearer token a board request carries: the `Authorization` header, else the board cookie. */
export function boardTokenOf(headers: { authorization?: string; cookie?: string }): string | undefined {
  const header = headers.authorization;
  if (header) return /^Bearer (.+)$/i.exec(header)?.[1];
  const cookie = headers.cookie
    ?.split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${BOARD_COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(BOARD_COOKIE.length + 1)) || undefined : undefined;
}

/** Whether a matched route pattern (not the raw URL, so percent-encoding cannot dodge it) is the board's. */
export const isBoardRoute = (pattern: string | undefined): boolean =>
  pattern !== undefined && (pattern === BOARD_ROUTE || pattern.startsWith(`${BOARD_ROUTE}/`));
