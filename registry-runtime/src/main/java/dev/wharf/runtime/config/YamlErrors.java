package dev.wharf.runtime.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Describes a YAML syntax error by its line, column and the parser's problem, without the snippet of the file the
 * parser's own message quotes: the file may be a Secret, and the snippet its value.
 */
final class YamlErrors {

    private YamlErrors() {}

    static String describe(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml) {
            Mark mark = yaml.getProblemMark();
            String where =
                    mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            String context = yaml.getContext();
            return "not valid YAML" + where + ": " + (context == null ? "" : context + ": ") + yaml.getProblem();
        }
        JsonLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 0
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return "not valid YAML" + where + ": " + firstLine(e.getOriginalMessage());
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
