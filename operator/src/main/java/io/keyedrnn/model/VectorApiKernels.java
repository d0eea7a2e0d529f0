package io.keyedrnn.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The step's products and element-wise passes on the incubating Vector API, bit for bit the scalar
 * loops' results (the activations and products per lane are the scalar operations in the scalar
 * order; the notes below are about the matrix products).
 *
 * <p>Each output element is still one chain of fused multiply-adds over the inputs in index order
 * ({@code FloatVector.fma} rounds once per lane, as {@code Math.fma}). What changes: a block of
 * {@link #BLOCK} rows stays in registers for the whole chain, so y is loaded and stored once per
 * block, not once per pass of four or six inputs; the weights of a block are read as one sequential
 * stream from their packed copy (block-major, then input, then row), which the prefetcher follows,
 * where the column layout is one stream per input; and a batch shares each weight load among four
 * keys. Rows outside whole blocks take the same chain from the columns. Loaded only through {@link
 * Kernels}, and compiled by its own javac execution (operator/pom.xml) because javac refuses an
 * incubator module together with {@code --release}.
 */
final class VectorApiKernels implements StepKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Rows one key keeps in registers: four vectors. */
    private static final int BLOCK = 4 * L;

    /** packed[(k·count + j)·BLOCK + t] = cols[j][k·BLOCK + t] for every whole block k. */
    @Override
    public float[] pack(float[][] cols) {
        int count = cols.length;
        int blocks = cols[0].length / BLOCK;
        float[] p = new float[blocks * count * BLOCK];
        for (int k = 0; k < blocks; k++) {
            for (int j = 0; j < count; j++) {
                System.arraycopy(cols[j], k * BLOCK, p, (k * count + j) * BLOCK, BLOCK);
            }
        }
        return p;
    }

    @Override
    public void multAdd(
            float[][] cols, float[] packed, float[] x, int xOff, float[] y, int off, int n) {
        int end = off + n;
        int a = packedFrom(off, end, cols[0].length);
        int b = packedTo(a, end, cols[0].length);
        fromColumns(cols, x, xOff, y, off, a);
        for (int r = a; r < b; r += BLOCK) {
            block1(packed, cols.length, x, xOff, y, r);
        }
        fromColumns(cols, x, xOff, y, b, end);
    }

    /**
     * Row blocks outermost, so one block's packed weights (BLOCK × count floats) stay in L1 while
     * every key of the batch passes over them; keys go in fours, each weight load feeding four.
     */
    @Override
    public void multAddBatch(
            float[][] cols,
            float[] packed,
            float[][] xs,
            int[] xOffs,
            float[][] ys,
            int off,
            int rows,
            int n) {
        int end = off + rows;
        int a = packedFrom(off, end, cols[0].length);
        int b = packedTo(a, end, cols[0].length);
        int count = cols.length;
        for (int k = 0; k < n; k++) {
            fromColumns(cols, xs[k], xOffs[k], ys[k], off, a);
        }
        for (int r = a; r < b; r += BLOCK) {
            int k = 0;
            for (; k + 3 < n; k += 4) {
                block4(packed, count, xs, xOffs, ys, k, r);
            }
            for (; k < n; k++) {
                block1(packed, count, xs[k], xOffs[k], ys[k], r);
            }
        }
        for (int k = 0; k < n; k++) {
            fromColumns(cols, xs[k], xOffs[k], ys[k], b, end);
        }
    }

    /** The first row of a whole packed block at or after off, at most end. */
    private static int packedFrom(int off, int end, int matrixRows) {
        int a = (off + BLOCK - 1) / BLOCK * BLOCK;
        return a + BLOCK <= Math.min(end, matrixRows) ? a : end;
    }

    /** The end of the whole packed blocks from a that lie before end. */
    private static int packedTo(int a, int end, int matrixRows) {
        int limit = Math.min(end, matrixRows / BLOCK * BLOCK);
        return a >= limit ? a : a + (limit - a) / BLOCK * BLOCK;
    }

    /** y[r0, r1) of one key from the column arrays: vectors of L rows, then scalar rows. */
    private static void fromColumns(
            float[][] cols, float[] x, int xOff, float[] y, int r0, int r1) {
        int r = r0;
        for (; r + L <= r1; r += L) {
            FloatVector acc = FloatVector.fromArray(S, y, r);
            for (int j = 0; j < cols.length; j++) {
                FloatVector xj = FloatVector.broadcast(S, x[xOff + j]);
                acc = FloatVector.fromArray(S, cols[j], r).fma(xj, acc);
            }
            acc.intoArray(y, r);
        }
        for (; r < r1; r++) {
            float v = y[r];
            for (int j = 0; j < cols.length; j++) {
                v = Math.fma(cols[j][r], x[xOff + j], v);
            }
            y[r] = v;
        }
    }

    /** y[r, r + BLOCK) of one key: four accumulators through all inputs. */
    private static void block1(float[] p, int count, float[] x, int xOff, float[] y, int r) {
        FloatVector a0 = FloatVector.fromArray(S, y, r);
        FloatVector a1 = FloatVector.fromArray(S, y, r + L);
        FloatVector a2 = FloatVector.fromArray(S, y, r + 2 * L);
        FloatVector a3 = FloatVector.fromArray(S, y, r + 3 * L);
        int w = r * count;
        for (int j = 0; j < count; j++, w += BLOCK) {
            FloatVector xj = FloatVector.broadcast(S, x[xOff + j]);
            a0 = FloatVector.fromArray(S, p, w).fma(xj, a0);
            a1 = FloatVector.fromArray(S, p, w + L).fma(xj, a1);
            a2 = FloatVector.fromArray(S, p, w + 2 * L).fma(xj, a2);
            a3 = FloatVector.fromArray(S, p, w + 3 * L).fma(xj, a3);
        }
        a0.intoArray(y, r);
        a1.intoArray(y, r + L);
        a2.intoArray(y, r + 2 * L);
        a3.intoArray(y, r + 3 * L);
    }

    /** y[r, r + BLOCK) of keys k..k+3: sixteen accumulators, four weight loads per input. */
    private static void block4(
            float[] p, int count, float[][] xs, int[] xOffs, float[][] ys, int k, int r) {
        float[] x0 = xs[k];
        float[] x1 = xs[k + 1];
        float[] x2 = xs[k + 2];
        float[] x3 = xs[k + 3];
        int o0 = xOffs[k];
        int o1 = xOffs[k + 1];
        int o2 = xOffs[k + 2];
        int o3 = xOffs[k + 3];
        float[] y0 = ys[k];
        float[] y1 = ys[k + 1];
        float[] y2 = ys[k + 2];
        float[] y3 = ys[k + 3];
        int r1 = r + L;
        int r2 = r + 2 * L;
        int r3 = r + 3 * L;
        FloatVector a00 = FloatVector.fromArray(S, y0, r);
        FloatVector a01 = FloatVector.fromArray(S, y0, r1);
        FloatVector a02 = FloatVector.fromArray(S, y0, r2);
        FloatVector a03 = FloatVector.fromArray(S, y0, r3);
        FloatVector a10 = FloatVector.fromArray(S, y1, r);
        FloatVector a11 = FloatVector.fromArray(S, y1, r1);
        FloatVector a12 = FloatVector.fromArray(S, y1, r2);
        FloatVector a13 = FloatVector.fromArray(S, y1, r3);
        FloatVector a20 = FloatVector.fromArray(S, y2, r);
        FloatVector a21 = FloatVector.fromArray(S, y2, r1);
        FloatVector a22 = FloatVector.fromArray(S, y2, r2);
        FloatVector a23 = FloatVector.fromArray(S, y2, r3);
        FloatVector a30 = FloatVector.fromArray(S, y3, r);
        FloatVector a31 = FloatVector.fromArray(S, y3, r1);
        FloatVector a32 = FloatVector.fromArray(S, y3, r2);
        FloatVector a33 = FloatVector.fromArray(S, y3, r3);
        int w = r * count;
        for (int j = 0; j < count; j++, w += BLOCK) {
            FloatVector w0 = FloatVector.fromArray(S, p, w);
            FloatVector w1 = FloatVector.fromArray(S, p, w + L);
            FloatVector w2 = FloatVector.fromArray(S, p, w + 2 * L);
            FloatVector w3 = FloatVector.fromArray(S, p, w + 3 * L);
            FloatVector v = FloatVector.broadcast(S, x0[o0 + j]);
            a00 = w0.fma(v, a00);
            a01 = w1.fma(v, a01);
            a02 = w2.fma(v, a02);
            a03 = w3.fma(v, a03);
            v = FloatVector.broadcast(S, x1[o1 + j]);
            a10 = w0.fma(v, a10);
            a11 = w1.fma(v, a11);
            a12 = w2.fma(v, a12);
            a13 = w3.fma(v, a13);
            v = FloatVector.broadcast(S, x2[o2 + j]);
            a20 = w0.fma(v, a20);
            a21 = w1.fma(v, a21);
            a22 = w2.fma(v, a22);
            a23 = w3.fma(v, a23);
            v = FloatVector.broadcast(S, x3[o3 + j]);
            a30 = w0.fma(v, a30);
            a31 = w1.fma(v, a31);
            a32 = w2.fma(v, a32);
            a33 = w3.fma(v, a33);
        }
        a00.intoArray(y0, r);
        a01.intoArray(y0, r1);
        a02.intoArray(y0, r2);
        a03.intoArray(y0, r3);
        a10.intoArray(y1, r);
        a11.intoArray(y1, r1);
        a12.intoArray(y1, r2);
        a13.intoArray(y1, r3);
        a20.intoArray(y2, r);
        a21.intoArray(y2, r1);
        a22.intoArray(y2, r2);
        a23.intoArray(y2, r3);
        a30.intoArray(y3, r);
        a31.intoArray(y3, r1);
        a32.intoArray(y3, r2);
        a33.intoArray(y3, r3);
    }

    private static final float N0 = Activations.NUM[0], N1 = Activations.NUM[1];
    private static final float N2 = Activations.NUM[2], N3 = Activations.NUM[3];
    private static final float N4 = Activations.NUM[4], N5 = Activations.NUM[5];
    private static final float N6 = Activations.NUM[6];
    private static final float D0 = Activations.DEN[0], D1 = Activations.DEN[1];
    private static final float D2 = Activations.DEN[2], D3 = Activations.DEN[3];
    private static final float D4 = Activations.DEN[4], D5 = Activations.DEN[5];
    private static final float D6 = Activations.DEN[6], D7 = Activations.DEN[7];

    /** Activations.tanh lane by lane: clamp (min, then max), then c·p(c²)/q(c²) by Horner. */
    @Override
    public void tanh(float[] v, int off, int n) {
        int end = off + n;
        int i = off;
        for (; i + L <= end; i += L) {
            tanh(FloatVector.fromArray(S, v, i)).intoArray(v, i);
        }
        for (; i < end; i++) {
            v[i] = Activations.tanh(v[i]);
        }
    }

    /** Activations.sigmoid lane by lane: 0.5 + 0.5·tanh(0.5·x). */
    @Override
    public void sigmoid(float[] v, int off, int n) {
        int end = off + n;
        int i = off;
        for (; i + L <= end; i += L) {
            FloatVector t = tanh(FloatVector.fromArray(S, v, i).mul(0.5f));
            t.mul(0.5f).add(0.5f).intoArray(v, i);
        }
        for (; i < end; i++) {
            v[i] = Activations.sigmoid(v[i]);
        }
    }

    private static FloatVector tanh(FloatVector x) {
        FloatVector c = x.min(Activations.CLAMP).max(-Activations.CLAMP);
        FloatVector s = c.mul(c);
        FloatVector p = s.mul(N6).add(N5).mul(s).add(N4).mul(s).add(N3).mul(s).add(N2);
        p = p.mul(s).add(N1).mul(s).add(N0);
        FloatVector q = s.mul(D7).add(D6).mul(s).add(D5).mul(s).add(D4).mul(s).add(D3);
        q = q.mul(s).add(D2).mul(s).add(D1).mul(s).add(D0);
        return c.mul(p).div(q);
    }

    @Override
    public void mulAddMul(
            float[] a,
            int aOff,
            float[] b,
            int bOff,
            float[] c,
            int cOff,
            float[] d,
            int dOff,
            float[] out,
            int oOff,
            int n) {
        int k = 0;
        for (; k + L <= n; k += L) {
            FloatVector ab =
                    FloatVector.fromArray(S, a, aOff + k)
                            .mul(FloatVector.fromArray(S, b, bOff + k));
            FloatVector cd =
                    FloatVector.fromArray(S, c, cOff + k)
                            .mul(FloatVector.fromArray(S, d, dOff + k));
            ab.add(cd).intoArray(out, oOff + k);
        }
        for (; k < n; k++) {
            out[oOff + k] = a[aOff + k] * b[bOff + k] + c[cOff + k] * d[dOff + k];
        }
    }

    @Override
    public void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int oOff, int n) {
        int k = 0;
        for (; k + L <= n; k += L) {
            FloatVector.fromArray(S, a, aOff + k)
                    .mul(FloatVector.fromArray(S, b, bOff + k))
                    .intoArray(out, oOff + k);
        }
        for (; k < n; k++) {
            out[oOff + k] = a[aOff + k] * b[bOff + k];
        }
    }

    @Override
    public String toString() {
        return "jdk.incubator.vector FloatVector, " + S.vectorBitSize() + " bits";
    }
}
