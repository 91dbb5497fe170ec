package dev.wharf.runtime.npm;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.web.FormatModule;
import dev.wharf.runtime.web.FormatOperation;
import dev.wharf.runtime.web.RequestRefusedException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The npm format under {@code /npm/<registry>/}, as the npm registry API has it: the {@code /-/} endpoints first (user,
 * whoami, ping, logout, tokens, search, dist-tags), then the package's: packument, version document, tarball, publish, unpublish. A package
 * is named in one segment ({@code @scope%2fname}, as npm sends it) or two ({@code @scope/name}, as tarball URLs have
 * it). Errors are npm's {@code {"error": ...}} documents.
 */
final class NpmModule implements FormatModule {

    private static final String BASE = "/npm/{" + NpmName.REGISTRY + "}";
    private static final String UNSCOPED = "/{" + NpmName.PACKAGE + "}";
    private static final String SCOPED = "/{" + NpmName.SCOPE + ":@[-\\w.~!*'()]+}/{" + NpmName.PACKAGE + "}";

    private final NpmReads reads;
    private final NpmPublish publish;
    private final NpmUnpublish unpublish;
    private final NpmDistTags distTags;
    private final NpmUsers users;
    private final NpmTokens tokens;
    private final NpmSearch search;

    NpmModule(
            NpmReads reads,
            NpmPublish publish,
            NpmUnpublish unpublish,
            NpmDistTags distTags,
            NpmUsers users,
            NpmTokens tokens,
            NpmSearch search) {
        this.reads = reads;
        this.publish = publish;
        this.unpublish = unpublish;
        this.distTags = distTags;
        this.users = users;
        this.tokens = tokens;
        this.search = search;
    }

    @Override
    public Format format() {
        return Format.NPM;
    }

    @Override
    public String urlForm() {
        return "/npm/<registry>/ (npm, pnpm, yarn: npm config set registry http://<host>/npm/<registry>/)";
    }

    @Override
    public List<FormatOperation> operations() {
        List<FormatOperation> operations = new ArrayList<>();
        operations.add(FormatOperation.unscoped(
                "user.login",
                HttpMethod.PUT,
                "/npm/npm/-/user/org.couchdb.user:someone",
                RequestPredicates.path(BASE + "/-/user/{" + NpmUsers.USER + "}"),
                "anyone: it checks the name and password in its body against the registry's users, throttled as"
                        + " every password login",
                users::login));
        operations.add(special("whoami", HttpMethod.GET, "/-/whoami", Role.READ, users::whoami));
        operations.add(
                withToken("user.logout", HttpMethod.DELETE, "/-/user/token/", "wharf_0", Role.READ, tokens::logout));
        operations.add(special("search", HttpMethod.GET, "/-/v1/search", Role.READ, search::search));
        operations.add(special("tokens.list", HttpMethod.GET, "/-/npm/v1/tokens", Role.READ, tokens::list));
        operations.add(special("tokens.create", HttpMethod.POST, "/-/npm/v1/tokens", Role.READ, tokens::create));
        operations.add(withToken(
                "tokens.revoke",
                HttpMethod.DELETE,
                "/-/npm/v1/tokens/token/",
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                Role.READ,
                tokens::revoke));
        operations.add(special("ping", HttpMethod.GET, "/-/ping", Role.READ, users::ping));
        operations.add(onPackage(
                "dist-tags.list",
                HttpMethod.GET,
                "/-/package",
                "/dist-tags",
                "/express/dist-tags",
                Role.READ,
                distTags::list));
        operations.add(onPackage(
                "dist-tags.add",
                HttpMethod.PUT,
                "/-/package",
                "/dist-tags/{" + NpmDistTags.TAG + "}",
                "/express/dist-tags/beta",
                Role.WRITE,
                distTags::add));
        operations.add(onPackage(
                "dist-tags.remove",
                HttpMethod.DELETE,
                "/-/package",
                "/dist-tags/{" + NpmDistTags.TAG + "}",
                "/express/dist-tags/beta",
                Role.WRITE,
                distTags::remove));
        operations.add(onPackage("packument.get", HttpMethod.GET, "", "", "", Role.READ, reads::packument));
        operations.add(onPackage("packument.head", HttpMethod.HEAD, "", "", "", Role.READ, reads::packument));
        operations.add(onPackage("package.publish", HttpMethod.PUT, "", "", "", Role.WRITE, publish::handle));
        operations.add(onPackage("version.get", HttpMethod.GET, "", "/{version}", "/1.0.0", Role.READ, reads::version));
        operations.add(onPackage(
                "tarball.get", HttpMethod.GET, "", "/-/{file}", "/-/express-1.0.0.tgz", Role.READ, reads::tarball));
        operations.add(onPackage(
                "tarball.head", HttpMethod.HEAD, "", "/-/{file}", "/-/express-1.0.0.tgz", Role.READ, reads::tarball));
        operations.add(onPackage(
                "package.unpublish-versions",
                HttpMethod.PUT,
                "",
                "/-rev/{rev}",
                "/-rev/1-0",
                Role.DELETE,
                unpublish::versions));
        operations.add(onPackage(
                "package.unpublish", HttpMethod.DELETE, "", "/-rev/{rev}", "/-rev/1-0", Role.DELETE, unpublish::all));
        operations.add(onPackage(
                "tarball.unpublish",
                HttpMethod.DELETE,
                "",
                "/-/{file}/-rev/{rev}",
                "/-/express-1.0.0.tgz/-rev/1-0",
                Role.DELETE,
                unpublish::tarball));
        return operations;
    }

    @Override
    public RouterFunction<ServerResponse> unmatched() {
        return RouterFunctions.route(
                RequestPredicates.path("/npm/**"), request -> Mono.defer(() -> malformed(request)));
    }

    @Override
    public Mono<ServerResponse> respond(ServerRequest request, Throwable error) {
        return NpmErrors.respond(request, error);
    }

    private static Mono<ServerResponse> malformed(ServerRequest request) {
        return Mono.error(RequestRefusedException.notFound("the npm registry API has no "
                + request.method().name() + " " + NpmName.printable(request.path())
                + "; npm registries are at /npm/<registry>/, such as npm config set registry http://<host>/npm/npm/"));
    }

    /** An operation on one of the caller's tokens, named at the end of the path. */
    private static FormatOperation withToken(
            String name,
            HttpMethod method,
            String path,
            String example,
            Role role,
            FormatOperation.RegistryHandler handler) {
        return FormatOperation.onRegistry(
                name,
                method,
                "/npm/{registry}" + path + example,
                RequestPredicates.path(BASE + path + "{" + NpmTokens.TOKEN + "}"),
                role,
                NpmName::registry,
                handler);
    }

    private static FormatOperation special(
            String name, HttpMethod method, String path, Role role, FormatOperation.RegistryHandler handler) {
        return FormatOperation.onRegistry(
                name,
                method,
                "/npm/{registry}" + path,
                RequestPredicates.path(BASE + path),
                role,
                NpmName::registry,
                handler);
    }

    /**
     * An operation on a package: {@code <prefix>/<package><suffix>} with the package in one segment or two.
     *
     * @param example the example's part after the prefix and {@code /express}
     */
    private static FormatOperation onPackage(
            String name,
            HttpMethod method,
            String prefix,
            String suffix,
            String example,
            Role role,
            FormatOperation.RegistryHandler handler) {
        RequestPredicate matches = RequestPredicates.path(BASE + prefix + SCOPED + suffix)
                .or(RequestPredicates.path(BASE + prefix + UNSCOPED + suffix));
        String url = "/npm/{registry}" + prefix + (example.startsWith("/express") ? example : "/express" + example);
        return FormatOperation.onRegistry(name, method, url, matches, role, NpmModule::registryOf, handler);
    }

    /** The registry; an invalid package name is refused first, before any check. */
    private static String registryOf(ServerRequest request) {
        NpmName.of(request);
        return NpmName.registry(request);
    }
}
