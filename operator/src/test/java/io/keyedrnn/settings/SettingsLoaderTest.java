package io.keyedrnn.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
    private static final Setting<Integer> EPOCHS = Setting.integer("epochs", 30, 1, "passes");
    private static final Setting<Boolean> SHUFFLE = Setting.flag("shuffle", true, "shuffle");
    private static final Setting<String> MODE =
            Setting.choice("mode", "fast", "mode", "fast", "exact-once");
    private static final Setting<Double> RATE =
            Setting.decimal("rate", null, 0, 1, "rate").withDeprecatedKeys("old.rate");

    private final List<String> warnings = new ArrayList<>();

    private SettingsLoader loader() {
        return new SettingsLoader()
                .accept(List.of(EPOCHS, SHUFFLE, MODE, RATE))
                .acceptPrefix("kafka.")
                .ignore(List.of(Setting.text("other", null, "x")), "flink.")
                .warnings(warnings::add)
                .hint(" (see the docs)");
    }

    @Test
    void overridesWinOverTheFileAndBlanksFallBackToDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "epochs: 7\nshuffle: no\nmode: \"exact_once\"\n");
        Map<String, String> overrides = new HashMap<>();
        overrides.put("epochs", "9");
        overrides.put("mode", " ");
        overrides.put("rate", null);
        Settings s = loader().load(file, overrides);
        assertEquals(9, s.get(EPOCHS));
        assertFalse(s.get(SHUFFLE));
        assertEquals("fast", s.get(MODE));
        assertNull(s.get(RATE));
        assertFalse(s.has(MODE));
    }

    @Test
    void unknownKeysAreOneErrorNamingThemAndPrefixesPassThrough() {
        Settings s = loader().check(Map.of("kafka.acks", "all", "other", "x", "flink.a", "b"), "t");
        assertEquals(Map.of("acks", "all"), s.withPrefix("kafka."));
        assertFalse(s.values().containsKey("other"));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> loader().check(Map.of("epoch", "3", "shufle", "x"), "f.yaml"));
        assertEquals("unknown setting(s) [epoch, shufle] in f.yaml (see the docs)", e.getMessage());
    }

    @Test
    void badValuesNameTheKeyTheValueAndTheSource() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> loader().check(Map.of("epochs", "0"), "f.yaml"));
        assertEquals(
                "setting 'epochs' has bad value '0': must be at least 1 (in f.yaml)",
                e.getMessage());
        for (String bad : List.of("maybe", "2")) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> loader().check(Map.of("shuffle", bad), "f"));
        }
        assertThrows(
                IllegalArgumentException.class, () -> loader().check(Map.of("rate", "NaN"), "f"));
        assertThrows(
                IllegalArgumentException.class, () -> loader().check(Map.of("mode", "slow"), "f"));
    }

    @Test
    void deprecatedKeysStillWorkAndSaySo() {
        Settings s = loader().check(Map.of("old.rate", "0.5"), "f");
        assertEquals(0.5, s.get(RATE));
        assertEquals(List.of("setting 'old.rate' is deprecated; use 'rate'"), warnings);
        assertTrue(s.has(RATE));
    }
}
