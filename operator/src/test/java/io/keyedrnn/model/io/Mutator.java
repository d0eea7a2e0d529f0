package io.keyedrnn.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded random mutations of valid model files for the fuzz test: bit flips, header byte edits,
 * truncation, length-field changes, splicing, number and name swaps, metadata edits.
 */
final class Mutator {
    private static final byte[] JSON_CHARS =
            "{}[],:\"\\-0123456789.eE ntfu_l".getBytes(StandardCharsets.US_ASCII);
    private static final String[] NAMES = {
        "weight_ih_l0",
        "weight_hh_l1",
        "bias_ih_l2",
        "bias_hh_l0",
        "head.weight",
        "head.bias",
        "embedding.weight",
        "__metadata__",
        "weight_ih_l9999",
        "x"
    };
    private static final long[] NUMBERS = {
        0, 1, -1, 2, 3, 4, 7, 8, 1L << 31, (1L << 31) - 1, 1L << 32, Long.MAX_VALUE, 1L << 62
    };
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+");
    private static final Pattern NAME = Pattern.compile("\"[a-z_.]+[0-9]*\"");

    private final List<byte[]> corpus;
    private final SplittableRandom rnd;

    Mutator(List<byte[]> corpus, long seed) {
        this.corpus = corpus;
        this.rnd = new SplittableRandom(seed);
    }

    /** A mutated copy of a random corpus file: one to three mutations stacked. */
    byte[] next() {
        byte[] f = corpus.get(rnd.nextInt(corpus.size())).clone();
        int rounds = 1 + rnd.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            f = once(f);
        }
        return f;
    }

    private byte[] once(byte[] f) {
        if (f.length < 8) {
            return f; // already refused at the length field; nothing left to mutate
        }
        int n = headerLength(f);
        switch (rnd.nextInt(12)) {
            case 0:
                return flipBit(f, 0, f.length);
            case 1:
                return flipBit(f, 8, 8 + n);
            case 2:
                return setHeaderByte(f, n);
            case 3:
                return Arrays.copyOf(f, rnd.nextInt(f.length + 1));
            case 4:
                return withLength(f, pickLength(f, n));
            case 5:
                return splice(f, n);
            case 6:
                return editHeader(f, n, cut(text(f, n)));
            case 7:
                return editHeader(
                        f, n, replaceMatch(text(f, n), NUMBER, String.valueOf(pickNumber())));
            case 8:
                return editHeader(
                        f,
                        n,
                        replaceMatch(
                                text(f, n), NAME, "\"" + NAMES[rnd.nextInt(NAMES.length)] + "\""));
            case 9:
                return poisonData(f, n);
            case 10:
                return editMetadata(f, n);
            default:
                return editHeader(f, n, duplicate(text(f, n)));
        }
    }

    private static int headerLength(byte[] f) {
        if (f.length < 8) {
            return 0;
        }
        long n = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        return n < 0 || n > f.length - 8 ? f.length - 8 : (int) n;
    }

    private byte[] flipBit(byte[] f, int from, int to) {
        if (to <= from) {
            return f;
        }
        int i = from + rnd.nextInt(to - from);
        f[i] ^= (byte) (1 << rnd.nextInt(8));
        return f;
    }

    private byte[] setHeaderByte(byte[] f, int n) {
        if (n > 0) {
            byte b =
                    rnd.nextBoolean()
                            ? JSON_CHARS[rnd.nextInt(JSON_CHARS.length)]
                            : (byte) rnd.nextInt(256);
            f[8 + rnd.nextInt(n)] = b;
        }
        return f;
    }

    private long pickLength(byte[] f, int n) {
        switch (rnd.nextInt(4)) {
            case 0:
                return rnd.nextLong();
            case 1:
                return n + rnd.nextInt(33) - 16;
            case 2:
                return f.length - 8 + rnd.nextInt(3) - 1;
            default:
                return NUMBERS[rnd.nextInt(NUMBERS.length)];
        }
    }

    private static byte[] withLength(byte[] f, long length) {
        if (f.length >= 8) {
            ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
        }
        return f;
    }

    /** Replaces a range of this file with a range of another corpus file. */
    private byte[] splice(byte[] f, int n) {
        byte[] other = corpus.get(rnd.nextInt(corpus.size()));
        int at = rnd.nextInt(f.length + 1);
        int len = rnd.nextInt(Math.min(64, f.length - at) + 1);
        int from = rnd.nextInt(other.length);
        int take = rnd.nextInt(Math.min(64, other.length - from) + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(f, 0, at);
        out.write(other, from, take);
        out.write(f, at + len, f.length - at - len);
        byte[] result = out.toByteArray();
        return rnd.nextBoolean() && at >= 8 && at + len <= 8 + n
                ? withLength(result, n - len + take)
                : result;
    }

    private static String text(byte[] f, int n) {
        return new String(f, 8, n, StandardCharsets.ISO_8859_1);
    }

    /** Replaces the header with {@code header} and fixes the length field to match. */
    private static byte[] editHeader(byte[] f, int n, String header) {
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        byte[] data = Arrays.copyOfRange(f, Math.min(f.length, 8 + n), f.length);
        return RawSafetensors.assemble(h, data);
    }

    private String cut(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int at = rnd.nextInt(s.length());
        int len = 1 + rnd.nextInt(Math.min(24, s.length() - at));
        return s.substring(0, at) + s.substring(at + len);
    }

    private String duplicate(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int at = rnd.nextInt(s.length());
        int len = 1 + rnd.nextInt(Math.min(80, s.length() - at));
        return s.substring(0, at + len) + s.substring(at);
    }

    private long pickNumber() {
        return rnd.nextInt(3) == 0 ? rnd.nextInt(2000) - 100 : NUMBERS[rnd.nextInt(NUMBERS.length)];
    }

    /** Replaces one random match of {@code p} in {@code s}. */
    private String replaceMatch(String s, Pattern p, String replacement) {
        Matcher m = p.matcher(s);
        int count = 0;
        while (m.find()) {
            count++;
        }
        if (count == 0) {
            return s;
        }
        int pick = rnd.nextInt(count);
        m.reset();
        for (int i = 0; i <= pick; i++) {
            m.find();
        }
        return s.substring(0, m.start()) + replacement + s.substring(m.end());
    }

    /** Writes a NaN or infinity, or a random byte, into the data region. */
    private byte[] poisonData(byte[] f, int n) {
        int from = 8 + n;
        if (f.length - from < 4) {
            return f;
        }
        int at = from + rnd.nextInt(f.length - from - 3);
        int bits = rnd.nextBoolean() ? 0x7fc00000 : 0x7f800000;
        ByteBuffer.wrap(f)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(at, rnd.nextBoolean() ? bits : rnd.nextInt());
        return f;
    }

    /** Edits the keyed_rnn metadata JSON itself, keeping the header valid JSON around it. */
    private byte[] editMetadata(byte[] f, int n) {
        JsonNode header;
        try {
            header = RawSafetensors.JSON.readTree(text(f, n));
        } catch (Exception e) {
            return f;
        }
        JsonNode meta =
                header == null
                        ? null
                        : header.path("__metadata__").path(ModelMetadata.METADATA_KEY);
        if (meta == null || !meta.isTextual()) {
            return f;
        }
        String json = meta.asText();
        String edited =
                rnd.nextBoolean()
                        ? replaceMatch(
                                json, Pattern.compile("\"[a-z_]+\""), "\"" + pickWord() + "\"")
                        : rnd.nextBoolean()
                                ? cut(json)
                                : replaceMatch(json, NUMBER, String.valueOf(pickNumber()));
        ((ObjectNode) header.get("__metadata__")).put(ModelMetadata.METADATA_KEY, edited);
        return editHeader(f, n, header.toString());
    }

    private String pickWord() {
        String[] words = {
            "gru_cho",
            "rnn_relu",
            "lstm",
            "gru",
            "rnn",
            "softmax",
            "linear",
            "none",
            "numeric",
            "categorical",
            "format",
            "cell",
            "output",
            "version",
            "vocabulary",
            "normalizer",
            "top_g"
        };
        return words[rnd.nextInt(words.length)];
    }
}
