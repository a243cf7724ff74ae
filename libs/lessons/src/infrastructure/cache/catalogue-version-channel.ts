import type { Redis } from 'ioredis';

/**
 * Redis pub/sub between the instances of one deployment: the instance that commits a catalogue
 * change announces the new version, every other instance adopts it as the message arrives. The
 * channel carries the deployment's key prefix (ioredis prefixes keys, not channels), so two
 * deployments or test runs on one Redis do not hear each other.
 *
 * PUBLISH answers only after Redis has queued the message to every subscriber, and the announcing
 * instance sends its response after that answer: a client that then asks another instance finds
 * the message already on that instance's socket, ahead of its own request.
 */
export class CatalogueVersionChannel {
  private readonly name: string;
  private subscriber: Redis | undefined;

  constructor(private readonly redis: Redis) {
    this.name = `${redis.options.keyPrefix ?? ''}catalogue:version`;
  }

  /** Resolves once Redis has the message; rejects when Redis is unreachable. */
  async announce(version: number): Promise<void> {
    await this.redis.publish(this.name, String(version));
  }

  /**
   * Listens on a connection of its own (a subscribed connection can do nothing else). Commands wait
   * for the connection, and ioredis subscribes again after every reconnect, which is also when
   * `onReconnect` runs (announcements made meanwhile are lost).
   */
  listen(onVersion: (version: number) => void, onReconnect: () => void, onError: (error: Error) => void): void {
    const subscriber = this.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    this.subscriber = subscriber;
    subscriber.on('error', onError);
    let connectedBefore = false;
    subscriber.on('ready', () => {
      if (connectedBefore) onReconnect();
      connectedBefore = true;
    });
    subscriber.on('message', (_channel: string, message: string) => {
      const version = Number(message);
      if (Number.isSafeInteger(version)) onVersion(version);
    });
    subscriber.subscribe(this.name).catch(onError);
  }

  async close(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    if (!subscriber || subscriber.status === 'end') return;
    // Not connected (Redis down): QUIT would wait in the offline queue for a connection.
    if (subscriber.status !== 'ready') return subscriber.disconnect();
    await subscriber.quit().catch(() => subscriber.disconnect());
  }
}
