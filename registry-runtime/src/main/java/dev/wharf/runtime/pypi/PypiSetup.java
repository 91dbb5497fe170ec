package dev.wharf.runtime.pypi;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.setup.ClientSetup;
import dev.wharf.runtime.setup.ClientSetup.Command;
import dev.wharf.runtime.setup.ClientSetup.ConfigFile;
import dev.wharf.runtime.setup.FormatSetup;
import dev.wharf.runtime.setup.SetupContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.web.util.UriUtils;

/**
 * Setup Client for PyPI registries: pip reads the simple index from {@code pip.conf}, twine uploads with
 * {@code ~/.pypirc}.
 */
final class PypiSetup implements FormatSetup {

    @Override
    public Format format() {
        return Format.PYPI;
    }

    @Override
    public ClientSetup setup(SetupContext context) {
        String upload = context.url("/pypi/" + context.registry() + "/");
        String index = upload + "simple/";
        URI base = context.base();
        String authenticated = base.getScheme() + "://" + userInfo(context.username()) + ":"
                + userInfo(context.secret()) + "@" + base.getRawAuthority() + "/pypi/" + context.registry()
                + "/simple/";
        String trusted = context.plainHttp() ? "trusted-host = " + base.getHost() + "\n" : "";
        String pypirc = """
                [distutils]
                index-servers = %1$s

                [%1$s]
                repository = %2$s
                username = %3$s
                password = %4$s
                """.formatted(context.registry(), upload, context.username(), context.secret());
        return new ClientSetup(
                index,
                List.of(new Command(
                        "pip",
                        "pip sends the credentials of the index URL; twine those of ~/.pypirc",
                        "pip config set global.index-url " + authenticated)),
                List.of(new Command(
                        "twine",
                        "upload the distributions built into dist/",
                        "twine upload --repository " + context.registry() + " dist/*")),
                List.of(new Command(
                        "pip",
                        "install a package through the registry",
                        "pip install --index-url " + authenticated + " <package>")),
                List.of(
                        new ConfigFile(
                                "pip",
                                "~/.config/pip/pip.conf",
                                "[global]\nindex-url = " + authenticated + "\n" + trusted),
                        new ConfigFile("twine", "~/.pypirc", pypirc)));
    }

    /** A placeholder stays readable; a real user name or token is encoded for the URL. */
    private static String userInfo(String value) {
        return value.startsWith("<") ? value : UriUtils.encode(value, StandardCharsets.UTF_8);
    }
}
