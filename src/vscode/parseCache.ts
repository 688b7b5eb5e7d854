import { createCache, type ChunkCache } from '../core/index';

/**
 * One section cache for the whole extension host. Diagnostics, the workspace index and the
 * cross-document rules all look at the same documents; with one cache a document's sections
 * are parsed once between them (three private caches meant three cold parses of a 200 KB
 * document on the host's thread). Bounded LRU by characters, so closed documents age out.
 */
export const parseCache: ChunkCache = createCache(64 * 1024 * 1024);
