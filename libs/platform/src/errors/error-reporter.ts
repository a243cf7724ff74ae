import * as Sentry from '@sentry/node';

/** Sends unexpected errors to Sentry when `SENTRY_DSN` is set; otherwise does nothing. */
export function initErrorReporting(dsn: string | undefined, environment: string, release?: string): void {
  if (!dsn) return;
  Sentry.init({
    dsn,
    environment,
    release,
    tracesSampleRate: 0,
    // Errors only: no auto-instrumentation of every module (that costs every request), but
    // still what crashes the process.
    defaultIntegrations: false,
    integrations: [
      Sentry.onUncaughtExceptionIntegration(),
      Sentry.onUnhandledRejectionIntegration(),
      Sentry.linkedErrorsIntegration(),
      Sentry.contextLinesIntegration(),
    ],
  });
}

export function reportUnexpectedError(error: unknown, context: { requestId?: string; route?: string }): void {
  if (!Sentry.isInitialized()) return;
  Sentry.withScope((scope) => {
    if (context.requestId) scope.setTag('request_id', context.requestId);
    if (context.route) scope.setTag('route', context.route);
    Sentry.captureException(error);
  });
}

export async function flushErrorReports(timeoutMs = 2_000): Promise<void> {
  if (Sentry.isInitialized()) await Sentry.flush(timeoutMs);
}
