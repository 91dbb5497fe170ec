package dev.wharf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's help has an example and the exit codes; a wrong option ends with the usage code. */
class HelpTest {

    @Test
    void everyCommandsHelpShouldShowAnExampleAndTheExitCodes() {
        List<String> lacking = new ArrayList<>();
        for (CommandLine command : all(Wharf.commandLine(), new ArrayList<>())) {
            String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            if (command.getCommandName().equals("generate-completion")) {
                continue;
            }
            if (!help.contains("Example") || !help.contains("\nExit codes:\n  0   done")) {
                lacking.add(command.getCommandSpec().qualifiedName());
            }
        }
        assertThat(lacking)
                .as("commands whose --help lacks an example or the exit codes")
                .isEmpty();
    }

    @Test
    void helpOptionShouldAnswerEvenWhereOptionsAreRequired() {
        StringWriter out = new StringWriter();
        CommandLine wharf = Wharf.commandLine();
        wharf.setOut(new PrintWriter(out));

        int code = wharf.execute("artifact", "push", "generic", "--help");

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("Usage: wharf artifact push generic [-h]");
    }

    @Test
    void unknownOptionShouldEndWithTheUsageCode() {
        StringWriter err = new StringWriter();
        CommandLine wharf = Wharf.commandLine();
        wharf.setErr(new PrintWriter(err));

        int code = wharf.execute("registry", "list", "--colour");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("Unknown option: '--colour'");
    }

    private static List<CommandLine> all(CommandLine command, List<CommandLine> found) {
        found.add(command);
        command.getSubcommands().values().stream().distinct().forEach(subcommand -> all(subcommand, found));
        return found;
    }
}
