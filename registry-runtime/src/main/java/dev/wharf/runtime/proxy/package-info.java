/**
 * The upstream engine every format uses to pull through its Registry's UpstreamProxies.
 *
 * <p>A format asks {@link dev.wharf.runtime.proxy.UpstreamEngine#fetch} for an object by the path the upstream
 * serves it under, saying whether it is {@linkplain dev.wharf.runtime.proxy.ObjectKind#IMMUTABLE immutable}
 * (addressed by digest, or a release file that never changes: fetched once, stored in the Registry's BlobStore,
 * recorded in the metadata as a file that came through the upstream, cached for good) or
 * {@linkplain dev.wharf.runtime.proxy.ObjectKind#MUTABLE mutable} (tag lists, package documents: made into what the format's {@link dev.wharf.runtime.proxy.DocumentTransform}
 * makes of them, kept in memory up to a size cap and in the metadata database's {@code proxy_document} table up to
 * another, served for the upstream's metadata TTL, then re-checked with a conditional request, and served stale up to
 * {@code maxStale} while the upstream is down, slow, offline or skipped by its circuit breaker, after a restart too).
 *
 * <p>The engine names no format: each format supplies an {@link dev.wharf.runtime.proxy.UpstreamProtocol} for its
 * UpstreamProxies (the headers to keep, what makes a {@code HEAD} answer trusted, the authenticator that answers a
 * challenge, the path of a request at one upstream); an UpstreamProxy of a format that supplies none speaks plain HTTP.
 * A document may point at files by absolute URL, on another host too ({@link
 * dev.wharf.runtime.proxy.UpstreamRequest#at}): they are fetched through the upstream that served the document.
 *
 * <p>Upstreams are asked in the Registry's order and the first that has the object wins; a "not found" is remembered
 * for the upstream's negative TTL; concurrent misses of one object make one upstream request, whose bytes the caller
 * that made it can get as they arrive ({@link dev.wharf.runtime.proxy.UpstreamEngine#stream}) while the others wait
 * for the stored copy; a {@code HEAD} of an immutable object is answered by the upstreams' answers to {@code HEAD}
 * requests, fetching nothing; a conditional request may be answered from any copy of a document cached within its
 * TTL ({@link dev.wharf.runtime.proxy.UpstreamEngine#cachedDocument}); each upstream has a
 * circuit breaker, anchored allow/block globs on the package name, an offline switch, and credentials from its
 * Secret that are sent to its own origin (scheme, host and port) only, never to another host nor along a redirect to
 * one. Every result names the upstream and the cache outcome, which
 * {@link dev.wharf.runtime.proxy.UpstreamHeaders} writes as {@code X-Wharf-Source} and {@code X-Wharf-Cache}.
 */
@NullMarked
package dev.wharf.runtime.proxy;

import org.jspecify.annotations.NullMarked;
