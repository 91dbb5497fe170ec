package dev.wharf.runtime.npm;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.setup.ClientSetup;
import dev.wharf.runtime.setup.ClientSetup.Command;
import dev.wharf.runtime.setup.ClientSetup.ConfigFile;
import dev.wharf.runtime.setup.FormatSetup;
import dev.wharf.runtime.setup.SetupContext;
import java.util.List;

/** Setup Client for npm registries: npm, pnpm and yarn read the same {@code .npmrc}. */
final class NpmSetup implements FormatSetup {

    @Override
    public Format format() {
        return Format.NPM;
    }

    @Override
    public ClientSetup setup(SetupContext context) {
        String url = context.url("/npm/" + context.registry() + "/");
        String credentials = url.substring(url.indexOf("//"));
        return new ClientSetup(
                url,
                List.of(new Command(
                        "npm",
                        "log in with your user and password; npm stores the token it is given in ~/.npmrc",
                        "npm login --registry " + url + " --auth-type=legacy")),
                List.of(new Command(
                        "npm", "publish the package in the current directory", "npm publish --registry " + url)),
                List.of(new Command(
                        "npm", "install a package through the registry", "npm install <package> --registry " + url)),
                List.of(new ConfigFile(
                        "npm",
                        "~/.npmrc",
                        "registry=" + url + "\n" + credentials + ":_authToken=" + context.secret() + "\n")));
    }
}
