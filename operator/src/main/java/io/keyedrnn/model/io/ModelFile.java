package io.keyedrnn.model.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Reads and writes models as one {@code .safetensors} file with PyTorch's tensor names.
 *
 * <p>Files are treated as hostile: anything but a well-formed model raises one {@link
 * ModelFormatException} naming the tensor or field at fault, and nothing is allocated from a size
 * the file states before that size is checked against the file itself. A plain PyTorch file without
 * keyed-rnn metadata loads; its cell kind, layers and sizes follow from the shapes. A model whose
 * tensors would not fit in the free heap once decoded to float32 is refused before decoding.
 */
public final class ModelFile {
    /** Default cap on a model file's size. */
    public static final long DEFAULT_MAX_FILE_BYTES = 2L << 30;

    private ModelFile() {}

    /** Reads the model at {@code path}, refusing files over {@link #DEFAULT_MAX_FILE_BYTES}. */
    public static Model read(Path path) throws IOException {
        return read(path, DEFAULT_MAX_FILE_BYTES);
    }

    /**
     * Reads the model at {@code path}, refusing files over {@code maxFileBytes}.
     *
     * @throws ModelFormatException if the content is not a valid model (see the class comment)
     * @throws IOException if the file cannot be opened or read (missing, unreadable, ...)
     */
    public static Model read(Path path, long maxFileBytes) throws IOException {
        return read(path, maxFileBytes, HeapBudget.RUNTIME);
    }

    /** As {@link #read(Path, long)}, checking the tensors fit in {@code heap}. */
    static Model read(Path path, long maxFileBytes, HeapBudget heap) throws IOException {
        String source = path.toString();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return decode(ByteSource.of(channel), source, maxFileBytes, heap);
        }
    }

    /** Reads a model from the file's bytes; {@code sourceName} prefixes error messages. */
    public static Model read(byte[] bytes, String sourceName) throws ModelFormatException {
        return read(bytes, sourceName, DEFAULT_MAX_FILE_BYTES);
    }

    /** As {@link #read(byte[], String)} with a size cap of {@code maxFileBytes}. */
    public static Model read(byte[] bytes, String sourceName, long maxFileBytes)
            throws ModelFormatException {
        try {
            return decode(ByteSource.of(bytes), sourceName, maxFileBytes, HeapBudget.RUNTIME);
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            // Unreachable for an array once the framing is checked; keep one exception type.
            throw new ModelFormatException(sourceName, "cannot read: " + e, e);
        }
    }

    private static Model decode(ByteSource src, String source, long maxFileBytes, HeapBudget heap)
            throws IOException {
        if (src.size() > maxFileBytes) {
            throw new ModelFormatException(
                    source,
                    "file has "
                            + src.size()
                            + " bytes, above the limit of "
                            + maxFileBytes
                            + " for a model file");
        }
        SafetensorsReader file =
                SafetensorsReader.open(src, source, SafetensorsReader.DEFAULT_MAX_HEADER_BYTES);
        return ModelDecoder.decode(file, source, heap);
    }

    /**
     * The file bytes for {@code model}: deterministic (equal models give equal bytes), float32,
     * with the metadata completed by the cell kind, output and input kind.
     *
     * @throws IllegalArgumentException if the model cannot be written faithfully (non-finite
     *     weights, mixed cell kinds, metadata contradicting the network)
     */
    public static byte[] toBytes(Model model) {
        return ModelEncoder.encode(model);
    }

    /**
     * Writes {@code model} to {@code path} atomically (a temporary file in the same directory, then
     * a rename), so a reader polling the path never sees half a file.
     */
    public static void write(Model model, Path path) throws IOException {
        byte[] bytes = toBytes(model);
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + path.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(
                        tmp,
                        path,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
