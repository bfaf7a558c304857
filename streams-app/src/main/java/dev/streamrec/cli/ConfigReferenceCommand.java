package dev.streamrec.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.streamrec.topology.ConfigurationReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code streamrec config-reference}: prints or writes the configuration reference generated from the code. */
@Command(name = "config-reference", mixinStandardHelpOptions = true,
    description = "Print every configuration key (type, default, valid values, doc) as Markdown; "
        + "--out docs/configuration.md regenerates the checked-in reference.")
final class ConfigReferenceCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "FILE", description = "Write the page to FILE instead of printing it.")
    Path out;

    @Override
    public Integer call() throws IOException {
        final String page = ConfigurationReference.markdown();
        if (out == null) {
            System.out.print(page);
        } else {
            Files.writeString(out, page, StandardCharsets.UTF_8);
            System.out.println("wrote " + out);
        }
        return 0;
    }
}
