import type { ExecutionContext } from '@nestjs/common';

type Handler = ReturnType<ExecutionContext['getHandler']>;
type Controller = ReturnType<ExecutionContext['getClass']>;

/**
 * What a guard reads from a route's decorators, read once per route: decorators never change
 * after start, and the reflector's lookups were a measurable share of a cheap request.
 */
export class RouteMetadataCache<T> {
  private readonly byHandler = new WeakMap<Handler, { controller: Controller; value: T }>();

  constructor(private readonly read: (targets: [Handler, Controller]) => T) {}

  of(context: ExecutionContext): T {
    const handler = context.getHandler();
    const controller = context.getClass();
    const known = this.byHandler.get(handler);
    if (known?.controller === controller) return known.value;
    const value = this.read([handler, controller]);
    this.byHandler.set(handler, { controller, value });
    return value;
  }
}
