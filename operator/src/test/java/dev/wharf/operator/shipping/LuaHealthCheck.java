package dev.wharf.operator.shipping;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Runs an Argo CD health check script as Argo CD does: the resource as the global {@code obj}, the script's return
 * value a table of {@code status} and {@code message}.
 */
final class LuaHealthCheck {

    static final Path SCRIPT =
            RepositoryFiles.CONFIG.resolve("argocd").resolve("health").resolve("health.lua");

    private final String script;

    LuaHealthCheck(Path script) {
        this.script = RepositoryFiles.read(script);
    }

    /** Argo CD's verdict on a resource. */
    record Health(String status, String message) {}

    Health health(JsonNode resource) {
        Globals globals = run(resource);
        LuaValue result = globals.get("__result");
        return new Health(
                result.get("status").tojstring(), result.get("message").optjstring(""));
    }

    /** A table of tables the script leaves as a global, such as {@code HEALS_BY_ITSELF}: kind to reasons. */
    Map<String, Set<String>> reasonsByKind(String global, JsonNode anyResource) {
        LuaValue table = run(anyResource).get(global);
        if (!table.istable()) {
            throw new AssertionError(SCRIPT.getFileName() + " defines no global table " + global);
        }
        Map<String, Set<String>> byKind = new TreeMap<>();
        forEach(table.checktable(), (kind, reasons) -> {
            Set<String> names = new TreeSet<>();
            forEach(reasons.checktable(), (reason, flag) -> names.add(reason.tojstring()));
            byKind.put(kind.tojstring(), names);
        });
        return byKind;
    }

    private Globals run(JsonNode resource) {
        Globals globals = JsePlatform.standardGlobals();
        globals.set("obj", toLua(resource));
        LuaValue chunk = globals.load(script, SCRIPT.getFileName().toString());
        globals.set("__result", chunk.call());
        return globals;
    }

    /** JSON as Argo CD hands it to Lua: objects and arrays as tables (arrays from 1), numbers, strings, booleans. */
    static LuaValue toLua(JsonNode node) {
        if (node.isObject()) {
            LuaTable table = new LuaTable();
            node.properties().forEach(entry -> table.set(entry.getKey(), toLua(entry.getValue())));
            return table;
        }
        if (node.isArray()) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                table.set(i + 1, toLua(node.get(i)));
            }
            return table;
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.asDouble());
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.asBoolean());
        }
        if (node.isNull() || node.isMissingNode()) {
            return LuaValue.NIL;
        }
        return LuaValue.valueOf(node.asText());
    }

    private interface Entry {
        void accept(LuaValue key, LuaValue value);
    }

    private static void forEach(LuaTable table, Entry entry) {
        LuaValue key = LuaValue.NIL;
        while (true) {
            Varargs next = table.next(key);
            key = next.arg1();
            if (key.isnil()) {
                return;
            }
            entry.accept(key, next.arg(2));
        }
    }
}
