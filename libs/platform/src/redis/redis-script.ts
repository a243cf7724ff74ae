import type { Redis } from 'ioredis';

/**
 * A Lua script as a command of this client, defined once per client however many services use it
 * (ioredis sends EVALSHA and falls back to EVAL when Redis lost the script). Returns the command,
 * bound to the client. Without `numberOfKeys`, the caller passes the key count first.
 */
export function redisScript<Command extends (...args: never[]) => Promise<unknown>>(
  redis: Redis,
  name: string,
  lua: string,
  numberOfKeys?: number,
): Command {
  const commands = redis as unknown as Record<string, Command | undefined>;
  if (typeof commands[name] !== 'function') {
    redis.defineCommand(name, numberOfKeys === undefined ? { lua } : { numberOfKeys, lua });
  }
  return commands[name]!.bind(redis) as Command;
}
