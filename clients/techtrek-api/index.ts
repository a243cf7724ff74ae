/**
 * The TechTrek API client for the mobile app: openapi-fetch over the generated `schema.d.ts`, plus
 * the session handling every screen needs. It sends the access token, keeps the token pair from
 * sign-up, login and refresh, and when a call answers 401 it refreshes once (one refresh for all
 * the calls that failed together) and retries the call. Runs wherever `fetch` does (React Native,
 * browsers, Node 18+). Regenerate the types with `npm run client`; this file is hand-written.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

export type { components, operations, paths };
export type Schemas = components['schemas'];
export type TechTrekClient = Client<paths>;

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

/** Where the session lives: memory by default; on a phone, e.g. expo-secure-store behind this. */
export interface TokenStore {
  get(): TokenPair | undefined | Promise<TokenPair | undefined>;
  set(tokens: TokenPair | undefined): void | Promise<void>;
}

export interface TechTrekClientOptions {
  /** The API's origin, e.g. `https://api.techtrek.example`. */
  baseUrl: string;
  tokens?: TokenStore;
  /** Called when the session is over: logout, or a refresh the API refused (show the login screen). */
  onSignedOut?: () => void;
  fetch?: typeof globalThis.fetch;
}

/** Routes that answer with a new token pair, and the route that ends the session. */
const SIGN_IN_PATHS = new Set(['/auth/signup', '/auth/login', '/auth/refresh']);
const LOG_OUT_PATH = '/auth/logout';

export function memoryTokenStore(initial?: TokenPair): TokenStore {
  let tokens = initial;
  return {
    get: () => tokens,
    set: (next) => {
      tokens = next;
    },
  };
}

export function createTechTrekClient(options: TechTrekClientOptions): TechTrekClient {
  const tokens = options.tokens ?? memoryTokenStore();
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
  // A plain client (no middleware) for the refresh call itself.
  const auth = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
  client.use(sessionMiddleware(tokens, refresher(auth, tokens, options.onSignedOut), options));
  return client;
}

/** Single flight: calls that fail with 401 together share one refresh (a refresh token is single use). */
function refresher(
  auth: TechTrekClient,
  tokens: TokenStore,
  onSignedOut: (() => void) | undefined,
): () => Promise<string | undefined> {
  let inFlight: Promise<string | undefined> | undefined;
  const refresh = async (): Promise<string | undefined> => {
    const refreshToken = (await tokens.get())?.refreshToken;
    if (!refreshToken) return undefined;
    const { data } = await auth.POST('/auth/refresh', { body: { refreshToken } });
    if (!data) {
      await tokens.set(undefined);
      onSignedOut?.();
      return undefined;
    }
    await tokens.set({ accessToken: data.accessToken, refreshToken: data.refreshToken });
    return data.accessToken;
  };
  return () => (inFlight ??= refresh().finally(() => (inFlight = undefined)));
}

function sessionMiddleware(
  tokens: TokenStore,
  refresh: () => Promise<string | undefined>,
  options: TechTrekClientOptions,
): Middleware {
  // Retrying needs the body again, and fetch consumes it: keep a copy of each request until its answer.
  const retryable = new Map<string, Request>();
  return {
    async onRequest({ request, schemaPath, id }) {
      const accessToken = (await tokens.get())?.accessToken;
      if (accessToken && !SIGN_IN_PATHS.has(schemaPath) && !request.headers.has('authorization')) {
        request.headers.set('authorization', `Bearer ${accessToken}`);
      }
      if (!SIGN_IN_PATHS.has(schemaPath)) retryable.set(id, request.clone());
      return request;
    },
    async onResponse({ response, schemaPath, id }) {
      const original = retryable.get(id);
      retryable.delete(id);
      if (SIGN_IN_PATHS.has(schemaPath) && response.ok) {
        const { accessToken, refreshToken } = (await response.clone().json()) as TokenPair;
        await tokens.set({ accessToken, refreshToken });
      }
      if (schemaPath === LOG_OUT_PATH && response.ok) {
        await tokens.set(undefined);
        options.onSignedOut?.();
      }
      if (response.status !== 401 || !original) return response;
      const accessToken = await refresh();
      if (!accessToken) return response;
      original.headers.set('authorization', `Bearer ${accessToken}`);
      return (options.fetch ?? globalThis.fetch)(original);
    },
    onError({ id }) {
      retryable.delete(id);
    },
  };
}
