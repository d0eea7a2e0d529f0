package io.keyedrnn.model.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The calendar inputs a numeric model takes after the event's own features, derived from the
 * event's timestamp: for each input, in order, its sin then its cos ({@link CalendarInput}). The
 * network's input is [features..., sin₁, cos₁, sin₂, cos₂, ...]; the model file records the list
 * (metadata {@code calendar}) so that serving derives exactly what training did.
 */
public record CalendarInputs(List<CalendarInput> inputs) {
    /** No calendar input: the network takes the event's features only. */
    public static final CalendarInputs NONE = new CalendarInputs(List.of());

    public CalendarInputs {
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
        if (new HashSet<>(inputs).size() != inputs.size()) {
            throw new IllegalArgumentException("calendar inputs repeat: " + ids(inputs));
        }
    }

    /**
     * The inputs of a setting value: {@code none}, or ids separated by commas (e.g. {@code
     * time_of_day,day_of_week}); throws IllegalArgumentException naming an unknown or repeated one.
     */
    public static CalendarInputs parse(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.equals("none")) {
            return NONE;
        }
        List<CalendarInput> list = new ArrayList<>();
        for (String id : t.split(",")) {
            list.add(CalendarInput.fromId(id.trim()));
        }
        return new CalendarInputs(list);
    }

    /** The inputs the metadata lists, none when absent; an unknown id is a ModelFormatException. */
    static CalendarInputs ofIds(List<String> ids, String source) throws ModelFormatException {
        if (ids == null) {
            return NONE;
        }
        List<CalendarInput> list = new ArrayList<>();
        for (String id : ids) {
            try {
                list.add(CalendarInput.fromId(id));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(source, "metadata calendar: " + e.getMessage());
            }
        }
        try {
            return new CalendarInputs(list);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source, "metadata calendar: " + e.getMessage());
        }
    }

    /** The ids in order, as the metadata lists them; null for none (the field is left out). */
    public List<String> idsOrNull() {
        return inputs.isEmpty() ? null : ids(inputs);
    }

    /** The setting's text: {@code none} or the ids joined by commas. */
    public String text() {
        return inputs.isEmpty() ? "none" : String.join(",", ids(inputs));
    }

    private static List<String> ids(List<CalendarInput> inputs) {
        return inputs.stream().map(CalendarInput::id).toList();
    }

    public boolean isEmpty() {
        return inputs.isEmpty();
    }

    /** Network inputs these add: two per calendar input. */
    public int width() {
        return 2 * inputs.size();
    }

    /** Writes the derived inputs at epochMs into out[offset, offset + width()). Modified: out. */
    public void derive(long epochMs, float[] out, int offset) {
        for (int i = 0; i < inputs.size(); i++) {
            double a = inputs.get(i).angle(epochMs);
            out[offset + 2 * i] = (float) Math.sin(a);
            out[offset + 2 * i + 1] = (float) Math.cos(a);
        }
    }

    /** A number that differs between different lists (0 for none), for state signatures. */
    public long code() {
        long c = 0;
        for (CalendarInput in : inputs) {
            c = c * 3 + in.ordinal() + 1;
        }
        return c;
    }
}
