package io.keyedrnn.model.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The field numbers in {@link OnnxFields} are those of onnx-subset.proto (which
 * tools/onnx/generate_onnx.py checks against the onnx package's descriptors), for every field of
 * the messages that have a class of their own.
 */
class OnnxFieldsTest {
    private static final Map<String, Class<?>> CLASSES =
            Map.of(
                    "ModelProto", OnnxFields.ModelF.class,
                    "GraphProto", OnnxFields.GraphF.class,
                    "NodeProto", OnnxFields.NodeF.class,
                    "AttributeProto", OnnxFields.AttrF.class,
                    "TensorProto", OnnxFields.TensorF.class);

    @Test
    void constantsMatchTheSchema() throws Exception {
        String proto;
        try (InputStream in =
                getClass().getResourceAsStream("/io/keyedrnn/model/io/onnx/onnx-subset.proto")) {
            proto = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Pattern message = Pattern.compile("(?m)^message (\\w+) \\{([^}]*)\\}");
        Pattern field = Pattern.compile("(?:optional|repeated) \\w+ (\\w+) = (\\d+)");
        int checked = 0;
        Matcher m = message.matcher(proto);
        while (m.find()) {
            Class<?> c = CLASSES.get(m.group(1));
            if (c == null) {
                continue;
            }
            Matcher f = field.matcher(m.group(2));
            while (f.find()) {
                String constant = f.group(1).toUpperCase(Locale.ROOT);
                int value = c.getDeclaredField(constant).getInt(null);
                assertEquals(Integer.parseInt(f.group(2)), value, m.group(1) + "." + f.group(1));
                checked++;
            }
        }
        assertTrue(checked >= 35, checked + " fields checked");
    }
}
