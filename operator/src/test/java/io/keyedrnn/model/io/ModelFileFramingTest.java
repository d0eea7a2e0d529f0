package io.keyedrnn.model.io;

import static io.keyedrnn.model.io.ModelFileAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile framing, header JSON and byte ranges: each fails with one clear exception. */
class ModelFileFramingTest {

    /** LSTM, input 2, hidden 3, 2 layers, head 2: 752 data bytes, head.bias at [744, 752]. */
    private static RawSafetensors valid() {
        return RawSafetensors.plain(4, 2, 3, 2, 2);
    }

    private static void offsets(RawSafetensors f, String tensor, long begin, long end) {
        f.entry(tensor).putArray("data_offsets").add(begin).add(end);
    }

    private static byte[] withLengthField(long length, int totalBytes) {
        return ByteBuffer.allocate(totalBytes)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(length)
                .array();
    }

    @Test
    void fileShorterThanTheLengthField() {
        assertRejected(new byte[5], "file has 5 bytes", "8-byte header length");
        assertRejected(new byte[0], "file has 0 bytes");
    }

    @Test
    void headerLengthBeyondTheFile() {
        assertRejected(withLengthField(1000, 20), "1000 bytes but only 12 follow");
    }

    @Test
    void absurdHeaderLengthIsRefusedBeforeAllocating() {
        assertRejected(withLengthField(-1, 16), "18446744073709551615", "above the limit");
        assertRejected(withLengthField(200L << 20, 16), "209715200 bytes, above the limit");
    }

    @Test
    void headerThatIsNotJson() {
        assertRejected(
                RawSafetensors.assemble("{\"a\": ", new byte[0]), "header is not valid JSON");
        assertRejected(RawSafetensors.assemble("", new byte[0]), "header is not a JSON object");
        assertRejected(
                RawSafetensors.assemble("[1, 2]", new byte[0]), "header is not a JSON object");
        assertRejected(RawSafetensors.assemble("{} {}", new byte[0]), "more JSON after");
    }

    @Test
    void headerThatIsNotUtf8() {
        byte[] header = "{\"weight_ih_l0x\": 1}".getBytes(StandardCharsets.US_ASCII);
        header[14] = (byte) 0xC3;
        header[15] = (byte) 0x28;
        assertRejected(RawSafetensors.assemble(header, new byte[0]), "header is not valid UTF-8");
    }

    @Test
    void entriesOfTheWrongType() {
        RawSafetensors f = valid();
        f.header().put("weight_ih_l0", 5);
        assertRejected(f, "tensor weight_ih_l0: header entry is not a JSON object");
        f = valid();
        f.entry("bias_hh_l1").put("dtype", 32);
        assertRejected(f, "tensor bias_hh_l1: dtype must appear once, as a string");
        f = valid();
        f.entry("head.weight").put("shape", "2x3");
        assertRejected(f, "tensor head.weight: shape is not an array");
        f = valid();
        f.entry("head.weight").putArray("shape").add(2.0).add(3);
        assertRejected(f, "tensor head.weight: shape holds a non-integer");
        f = valid();
        f.entry("head.bias").put("extra", 1);
        assertRejected(f, "tensor head.bias: unknown field 'extra'");
        f = valid();
        f.entry("head.bias").remove("dtype");
        assertRejected(f, "tensor head.bias: needs dtype, shape and data_offsets");
        f = valid();
        f.entry("head.bias").putArray("data_offsets").add(744).add(748).add(752);
        assertRejected(f, "tensor head.bias: data_offsets has more than 2 values");
        f = valid();
        f.entry("head.bias").putArray("data_offsets").add(744);
        assertRejected(f, "tensor head.bias: data_offsets must be [begin, end]");
    }

    @Test
    void metadataOfTheWrongType() {
        RawSafetensors f = valid();
        f.header().putArray("__metadata__");
        assertRejected(f, "__metadata__ is not a JSON object");
        f = valid();
        f.header().putObject("__metadata__").put("keyed_rnn", 1);
        assertRejected(f, "__metadata__ value of 'keyed_rnn' is not a string");
    }

    @Test
    void duplicateTensorName() {
        String entry = "\"head.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";
        byte[] file = RawSafetensors.assemble("{" + entry + "," + entry + "}", new byte[8]);
        assertRejected(file, "tensor head.bias appears twice");
    }

    @Test
    void offsetsOutOfRange() {
        RawSafetensors f = valid();
        f.entry("head.bias").putArray("shape").add(3);
        offsets(f, "head.bias", 744, 756);
        assertRejected(
                f, "tensor head.bias: data_offsets [744, 756] reach past the data region of 752");
    }

    @Test
    void negativeOffset() {
        RawSafetensors f = valid();
        offsets(f, "head.bias", -8, 0);
        assertRejected(f, "tensor head.bias: data_offsets has negative value -8");
    }

    @Test
    void reversedOffsets() {
        RawSafetensors f = valid();
        offsets(f, "head.bias", 752, 744);
        assertRejected(f, "tensor head.bias: data_offsets [752, 744] end before they begin");
    }

    @Test
    void overlappingOffsets() {
        RawSafetensors f = valid();
        offsets(f, "head.bias", 740, 748);
        assertRejected(f, "tensor head.bias: data_offsets [740, 748] overlap tensor head.weight");
    }

    @Test
    void gapBetweenTensors() {
        RawSafetensors f = valid();
        offsets(f, "head.bias", 752, 760);
        byte[] data = Arrays.copyOf(f.data(), 760);
        assertRejected(
                RawSafetensors.assemble(f.header().toString(), data),
                "tensor head.bias: data_offsets begin at 752, leaving a gap of unused bytes [744, 752)");
    }

    @Test
    void bytesAfterTheLastTensor() {
        RawSafetensors f = valid();
        byte[] data = Arrays.copyOf(f.data(), 756);
        assertRejected(
                RawSafetensors.assemble(f.header().toString(), data),
                "bytes [752, 756) belong to no tensor");
    }

    @Test
    void negativeDimension() {
        RawSafetensors f = valid();
        f.entry("head.bias").putArray("shape").add(-2);
        assertRejected(f, "tensor head.bias: shape has negative value -2");
    }

    @Test
    void shapeWhoseElementCountOverflows() {
        RawSafetensors f = valid();
        ArrayNode shape = f.entry("head.bias").putArray("shape");
        shape.add(Integer.MAX_VALUE).add(Integer.MAX_VALUE).add(Integer.MAX_VALUE);
        assertRejected(f, "tensor head.bias: shape has more elements than fit in 64 bits");
        f = valid();
        f.entry("head.bias").putArray("shape").add(1L << 32);
        assertRejected(f, "tensor head.bias: dimension 4294967296 is too large");
        f = valid();
        f.entry("head.bias").putArray("shape").add(new BigInteger("99999999999999999999"));
        assertRejected(f, "tensor head.bias: shape value 99999999999999999999 is too large");
        f = valid();
        ArrayNode deep = f.entry("head.bias").putArray("shape");
        for (int i = 0; i < 33; i++) {
            deep.add(1);
        }
        assertRejected(f, "tensor head.bias: shape has more than 32 values");
    }

    @Test
    void shapeThatDoesNotMatchTheByteLength() {
        RawSafetensors f = valid();
        f.entry("head.bias").putArray("shape").add(3);
        assertRejected(
                f,
                "tensor head.bias: shape [3] of F32 needs 12 bytes but data_offsets [744, 752] span 8");
    }

    @Test
    void unsupportedDtype() {
        RawSafetensors f = valid();
        f.entry("weight_hh_l1").put("dtype", "I64");
        assertRejected(f, "tensor weight_hh_l1 has dtype I64", "F32, F16, BF16 and F64");
        f = valid();
        f.entry("weight_hh_l1").put("dtype", "f32");
        assertRejected(f, "tensor weight_hh_l1 has dtype f32");
    }

    @Test
    void fileOverTheSizeCap() {
        byte[] bytes = valid().bytes();
        ModelFormatException e =
                assertThrows(
                        ModelFormatException.class, () -> ModelFile.read(bytes, "capped", 100));
        assertTrue(
                e.getMessage().contains("above the limit of 100 for a model file"), e.getMessage());
    }

    @Test
    void pathOverTheSizeCapOrTooShort(@TempDir Path dir) throws Exception {
        Path big = Files.write(dir.resolve("big.safetensors"), valid().bytes());
        ModelFormatException e =
                assertThrows(ModelFormatException.class, () -> ModelFile.read(big, 100));
        assertTrue(e.getMessage().startsWith(big + ": file has "), e.getMessage());
        Path tiny = Files.write(dir.resolve("tiny.safetensors"), new byte[3]);
        e = assertThrows(ModelFormatException.class, () -> ModelFile.read(tiny));
        assertTrue(e.getMessage().contains("file has 3 bytes"), e.getMessage());
    }

    @Test
    void headerOfTheValidFileIsAccepted() throws Exception {
        ObjectNode header = valid().header();
        assertTrue(header.has("head.bias"));
        // The fixture itself must load, or every rejection above would prove nothing.
        ModelFile.read(valid().bytes(), "valid");
    }
}
