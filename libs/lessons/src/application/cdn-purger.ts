/**
 * Tells a CDN in front of the API to drop its copies of learner content. `paths` are request paths
 * without query strings; `/lessons` stands for every list query (`/lessons?topic=…`), so an
 * adapter purges it as a prefix. The default does nothing: the responses' `max-age` then bounds
 * how long a CDN may serve old content.
 */
export abstract class CdnPurger {
  abstract purge(paths: readonly string[]): Promise<void>;
}
