/**
 * Intl formatters built on first use and then kept. Building one loads locale data; built at module load, a dozen of
 * them delayed every page's first render, and one built per call made long tables slow.
 */
export function lazyFormatter<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}
