package io.keyedrnn.serve;

import io.keyedrnn.settings.Setting;
import io.keyedrnn.settings.Settings;
import java.util.List;

/** Where events keep their fields: the {@code fields.*} settings of score, train and replay. */
public final class EventFieldSettings {
    private EventFieldSettings() {}

    public static final Setting<String> KEY =
            Setting.text("fields.key", EventFields.DEFAULT.key(), "dotted path of the event key");
    public static final Setting<String> TS =
            Setting.text(
                    "fields.ts",
                    EventFields.DEFAULT.timestamp(),
                    "path of the epoch-ms or ISO-8601 time; absent: the Kafka record time");
    public static final Setting<String> FEATURES =
            Setting.text(
                    "fields.features",
                    EventFields.DEFAULT.features(),
                    "path of the numeric feature array");
    public static final Setting<String> TOKEN =
            Setting.text(
                    "fields.token",
                    EventFields.DEFAULT.token(),
                    "path of the categorical token (string or integer)");

    public static final Setting<String> END =
            Setting.text(
                    "fields.end",
                    null,
                    "path of a boolean that, when true, ends the key's session after the event"
                            + " (scores <end>); an event with only key and end is an end marker;"
                            + " default: none");

    public static final List<Setting<?>> ALL = List.of(KEY, TS, FEATURES, TOKEN, END);

    /** The field paths the settings give (defaults for those not given). */
    public static EventFields from(Settings s) {
        return new EventFields(s.get(KEY), s.get(TS), s.get(FEATURES), s.get(TOKEN), s.get(END));
    }
}
