package dev.wharf.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Where a command prints: its data as a table, JSON or YAML on standard output; notes for people on standard error. */
public final class Output {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final Format format;
    private final Style style;
    private final PrintWriter out;
    private final PrintWriter err;

    public Output(Format format, Style style, PrintWriter out, PrintWriter err) {
        this.format = format;
        this.style = style;
        this.out = out;
        this.err = err;
    }

    public Style style() {
        return style;
    }

    /** Whether the data is printed for people. */
    public boolean forPeople() {
        return format == Format.table;
    }

    /** Prints {@code data} as JSON or YAML, or {@code table} for people. */
    public void print(JsonNode data, Table table) {
        if (forPeople()) {
            table.render(style).forEach(out::println);
        } else {
            document(data);
        }
        out.flush();
    }

    /** Prints {@code data} as JSON or YAML, or {@code text} for people. */
    public void print(JsonNode data, String text) {
        if (forPeople()) {
            out.print(text.endsWith("\n") ? text : text + "\n");
        } else {
            document(data);
        }
        out.flush();
    }

    /** A line on standard output for people only; scripts asking for JSON or YAML get only the document. */
    public void line(String text) {
        if (forPeople()) {
            out.println(text);
            out.flush();
        }
    }

    /** What a transfer is doing, on standard error and only on a terminal. */
    public void progress(String text) {
        if (Style.isTerminal()) {
            note(style.yellow(text + " …"));
        }
    }

    /** A note on standard error, which never mixes with the data. */
    public void note(String text) {
        err.println(text);
        err.flush();
    }

    private void document(JsonNode data) {
        try {
            if (format == Format.json) {
                out.println(JSON.writeValueAsString(data));
            } else {
                out.print(YAML.writeValueAsString(data));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
