package dev.wharf.runtime.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * Every route the application serves, read from its {@link RouterFunction} beans with Spring's visitors rather than
 * listed by hand: a route a new format adds is found without anyone remembering to list it. A predicate with
 * alternatives ({@code a.or(b)}) yields one route per alternative.
 */
final class RouteInventory {

    private RouteInventory() {}

    /**
     * One route: the methods it takes (empty: any), its path pattern, and any other condition a request must meet.
     *
     * @param bean the name of the {@code RouterFunction} bean that serves it
     */
    record Route(Set<String> methods, String pattern, List<String> conditions, String bean) {

        /** The route as the authorization table names it: {@code GET /api/v1/status}, {@code * /v2/}. */
        String key() {
            String method = methods.isEmpty() ? "*" : String.join(",", methods);
            return method + " " + pattern + (conditions.isEmpty() ? "" : " " + conditions);
        }
    }

    /** The routes of every {@code RouterFunction} bean, in bean and declaration order. */
    static List<Route> of(ApplicationContext context) {
        List<Route> routes = new ArrayList<>();
        @SuppressWarnings("rawtypes")
        Map<String, RouterFunction> beans = context.getBeansOfType(RouterFunction.class);
        beans.forEach((name, router) -> router.accept(new RouterVisitor(name, routes)));
        return routes;
    }

    /** The keys ({@link Route#key()}) of the routes a format's operation is served as. */
    static List<String> keys(FormatOperation operation) {
        return alternatives(RequestPredicates.method(operation.method()).and(operation.matches())).stream()
                .map(alternative -> new Route(
                                alternative.methods() == null ? Set.of() : alternative.methods(),
                                alternative.path() == null ? "/**" : alternative.path(),
                                alternative.conditions(),
                                "")
                        .key())
                .toList();
    }

    /** Collects the routes of one router, applying the predicates of nested routers to the routes inside. */
    private static final class RouterVisitor implements RouterFunctions.Visitor {

        private final String bean;
        private final List<Route> routes;
        private final Deque<Alternative> nesting = new ArrayDeque<>();

        RouterVisitor(String bean, List<Route> routes) {
            this.bean = bean;
            this.routes = routes;
            nesting.push(Alternative.ANY);
        }

        @Override
        public void startNested(RequestPredicate predicate) {
            List<Alternative> alternatives = alternatives(predicate);
            if (alternatives.size() != 1) {
                throw new IllegalStateException("router bean " + bean + " nests routes under " + predicate
                        + ", which has alternatives; RouteInventory cannot tell their paths apart");
            }
            nesting.push(nesting.getFirst().and(alternatives.get(0), true));
        }

        @Override
        public void endNested(RequestPredicate predicate) {
            nesting.pop();
        }

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
            for (Alternative alternative : alternatives(predicate)) {
                Alternative route = nesting.getFirst().and(alternative, true);
                routes.add(new Route(
                        route.methods() == null ? Set.of() : route.methods(),
                        route.path() == null ? "/**" : route.path(),
                        route.conditions(),
                        bean));
            }
        }

        @Override
        public void resources(Function<ServerRequest, Mono<Resource>> lookup) {
            routes.add(new Route(Set.of(), "/**", List.of("resources " + lookup), bean));
        }

        @Override
        public void attributes(Map<String, Object> attributes) {}

        @Override
        public void unknown(RouterFunction<?> router) {
            routes.add(new Route(Set.of(), "/**", List.of("unknown router " + router), bean));
        }
    }

    /**
     * One way a request can match: methods (null: any), a path pattern (null: any), other conditions.
     *
     * @param methods upper-case method names, sorted
     */
    private record Alternative(
            @Nullable Set<String> methods, @Nullable String path, List<String> conditions) {

        static final Alternative ANY = new Alternative(null, null, List.of());

        /** Both at once; {@code nested} joins the paths as a nested router does, else two paths are a condition. */
        Alternative and(Alternative other, boolean nested) {
            Set<String> both = methods;
            if (other.methods != null) {
                both = methods == null ? other.methods : intersection(methods, other.methods);
            }
            String joined = path;
            List<String> all = new ArrayList<>(conditions);
            all.addAll(other.conditions);
            if (other.path != null) {
                if (path == null) {
                    joined = other.path;
                } else if (nested) {
                    joined = path.replaceAll("/$", "") + other.path;
                } else {
                    all.add("and path " + other.path);
                }
            }
            return new Alternative(both, joined, List.copyOf(all));
        }

        private static Set<String> intersection(Set<String> a, Set<String> b) {
            Set<String> both = new TreeSet<>(a);
            both.retainAll(b);
            return both;
        }
    }

    /** The alternatives of a predicate: its disjunctive normal form, with negations kept as conditions. */
    private static List<Alternative> alternatives(RequestPredicate predicate) {
        PredicateTree tree = new PredicateTree();
        predicate.accept(tree);
        return tree.root().alternatives();
    }

    /** A predicate as a tree of and, or and leaves. */
    private sealed interface Node {
        List<Alternative> alternatives();
    }

    /** A method set, a path or a condition. */
    private record Leaf(Alternative alternative) implements Node {
        @Override
        public List<Alternative> alternatives() {
            return List.of(alternative);
        }
    }

    /** Every child at once. */
    private record All(List<Node> children) implements Node {
        @Override
        public List<Alternative> alternatives() {
            List<Alternative> product = List.of(Alternative.ANY);
            for (Node child : children) {
                List<Alternative> next = new ArrayList<>();
                for (Alternative left : product) {
                    for (Alternative right : child.alternatives()) {
                        next.add(left.and(right, false));
                    }
                }
                product = next;
            }
            return product;
        }
    }

    /** Any one child. */
    private record Any(List<Node> children) implements Node {
        @Override
        public List<Alternative> alternatives() {
            List<Alternative> union = new ArrayList<>();
            children.forEach(child -> union.addAll(child.alternatives()));
            return union;
        }
    }

    /** Builds the tree from the visitor's events; a negation becomes an opaque condition. */
    private static final class PredicateTree implements RequestPredicates.Visitor {

        private final Deque<List<Node>> frames = new ArrayDeque<>();

        PredicateTree() {
            frames.push(new ArrayList<>());
        }

        Node root() {
            List<Node> children = frames.getFirst();
            return children.size() == 1 ? children.get(0) : new All(children);
        }

        private void add(Node node) {
            frames.getFirst().add(node);
        }

        private void condition(String condition) {
            add(new Leaf(new Alternative(null, null, List.of(condition))));
        }

        private void start() {
            frames.push(new ArrayList<>());
        }

        private List<Node> end() {
            return frames.pop();
        }

        @Override
        public void method(Set<HttpMethod> methods) {
            Set<String> names = new TreeSet<>();
            methods.forEach(method -> names.add(method.name()));
            add(new Leaf(new Alternative(names, null, List.of())));
        }

        @Override
        public void path(String pattern) {
            add(new Leaf(new Alternative(null, pattern, List.of())));
        }

        @Override
        @SuppressWarnings("removal")
        public void pathExtension(String extension) {
            condition("extension " + extension);
        }

        @Override
        public void header(String name, String value) {
            condition("header " + name + "=" + value);
        }

        @Override
        public void queryParam(String name, String value) {
            condition("query " + name + "=" + value);
        }

        @Override
        public void version(String version) {
            condition("version " + version);
        }

        @Override
        public void startAnd() {
            start();
        }

        @Override
        public void and() {}

        @Override
        public void endAnd() {
            add(new All(end()));
        }

        @Override
        public void startOr() {
            start();
        }

        @Override
        public void or() {}

        @Override
        public void endOr() {
            add(new Any(end()));
        }

        @Override
        public void startNegate() {
            start();
        }

        @Override
        public void endNegate() {
            Set<String> negated = new LinkedHashSet<>();
            end().forEach(node -> node.alternatives().forEach(alternative -> negated.add(alternative.toString())));
            condition("not " + negated);
        }

        @Override
        public void unknown(RequestPredicate predicate) {
            condition("predicate " + predicate);
        }
    }
}
