package dev.wharf.runtime.generic;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.setup.ClientSetup;
import dev.wharf.runtime.setup.ClientSetup.Command;
import dev.wharf.runtime.setup.ClientSetup.ConfigFile;
import dev.wharf.runtime.setup.FormatSetup;
import dev.wharf.runtime.setup.SetupContext;
import java.util.List;

/** Setup Client for generic registries: curl with the credentials in {@code ~/.netrc}. */
final class GenericSetup implements FormatSetup {

    @Override
    public Format format() {
        return Format.GENERIC;
    }

    @Override
    public ClientSetup setup(SetupContext context) {
        String url = context.url("/generic/" + context.registry() + "/");
        String file = url + "<package>/<version>/<file>";
        return new ClientSetup(
                url,
                List.of(new Command(
                        "curl",
                        "curl sends the credentials with every request: -u, or --netrc with the ~/.netrc entry below",
                        "curl -fsS -u '" + context.username() + ":" + context.secret() + "' " + url)),
                List.of(new Command(
                        "curl",
                        "upload a file as a version's file; the sha256 header is optional and verified",
                        "curl -fsS --netrc -T <file> -H \"X-Checksum-Sha256: $(sha256sum <file> | cut -c1-64)\" "
                                + file)),
                List.of(new Command("curl", "download a version's file", "curl -fsS --netrc -O " + file)),
                List.of(new ConfigFile(
                        "curl",
                        "~/.netrc",
                        "machine " + context.base().getHost() + " login " + context.username() + " password "
                                + context.secret() + "\n")));
    }
}
