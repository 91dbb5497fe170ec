package dev.wharf.runtime.read;

import dev.wharf.runtime.proxy.UpstreamFailureException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;

/**
 * One read a format asks the {@link ReadPipeline} for: the steps only the format knows (how to find its own content,
 * how to ask the upstreams for it), the order and the rules between them being the pipeline's.
 *
 * @param <T> what the format serves from, such as a file record or a fetched document
 */
public final class Read<T> {

    private final ReadSubject subject;
    private final Mono<T> own;
    private final Function<T, ReadOrigin> originOfOwn;
    private final Predicate<T> recheck;
    private final Function<Optional<T>, Mono<Sourced<T>>> upstream;
    private final Predicate<Throwable> unavailable;

    private Read(
            ReadSubject subject,
            Mono<T> own,
            Function<T, ReadOrigin> originOfOwn,
            Predicate<T> recheck,
            Function<Optional<T>, Mono<Sourced<T>>> upstream,
            Predicate<Throwable> unavailable) {
        this.subject = subject;
        this.own = own;
        this.originOfOwn = originOfOwn;
        this.recheck = recheck;
        this.upstream = upstream;
        this.unavailable = unavailable;
    }

    /**
     * A read of {@code subject} from the registry's own content: hosted content, or what an upstream gave before and
     * the registry kept ({@code originOfOwn} says which), empty when there is none.
     */
    public static <T> Read<T> of(ReadSubject subject, Mono<T> own, Function<T, ReadOrigin> originOfOwn) {
        return new Read<>(
                subject,
                own,
                originOfOwn,
                content -> false,
                kept -> Mono.empty(),
                UpstreamFailureException.class::isInstance);
    }

    /**
     * Asks the upstreams when the registry's own content has nothing: {@code upstream} gives what the first that has
     * it served (through the {@link dev.wharf.runtime.proxy.UpstreamEngine}), empty when none has it, or fails with
     * an {@link UpstreamFailureException} when none could answer. It is given the content kept here when the read
     * {@linkplain #recheckedWhen re-checks} it.
     */
    public Read<T> orUpstream(Function<Optional<T>, Mono<Sourced<T>>> upstream) {
        return new Read<>(subject, own, originOfOwn, recheck, upstream, unavailable);
    }

    /**
     * Asks the upstreams again even when the registry has content for which {@code recheck} holds (a tag that came
     * through an upstream and may have moved); that content is served stale when no upstream can answer.
     */
    public Read<T> recheckedWhen(Predicate<T> recheck) {
        return new Read<>(subject, own, originOfOwn, recheck, upstream, unavailable);
    }

    /**
     * Which errors of the upstream step say that no upstream could answer, so kept content may be served stale; by
     * default an {@link UpstreamFailureException}, for a format that maps it into its protocol's error first.
     */
    public Read<T> unavailableWhen(Predicate<Throwable> unavailable) {
        return new Read<>(subject, own, originOfOwn, recheck, upstream, unavailable);
    }

    ReadSubject subject() {
        return subject;
    }

    Mono<T> own() {
        return own;
    }

    ReadOrigin originOf(T content) {
        return originOfOwn.apply(content);
    }

    boolean recheck(T content) {
        return recheck.test(content);
    }

    Mono<Sourced<T>> upstream(Optional<T> kept) {
        return Mono.defer(() -> upstream.apply(kept));
    }

    boolean unavailable(Throwable error) {
        return unavailable.test(error);
    }
}
