package dev.toolgate.agent.screening;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A linear model (logistic regression) over hashed character 3- to 5-grams of the normalised text: the learned
 * second opinion of prompt-injection screening. Character n-grams carry across languages and spellings that a
 * word list misses (inflections, transliteration, words glued without spaces), and the model scores how much a
 * text reads like an instruction aimed at the model rather than a request or data. It is trained when the agent is
 * built ({@link InjectionClassifierTrainer}) from text kept in the repository, and ships as {@value #RESOURCE}.
 * Long texts are scored in overlapping windows and the highest window counts, so a short injection is not diluted
 * by the document it hides in.
 */
public final class InjectionClassifier {

    /** Where the trained model is on the class path. */
    public static final String RESOURCE = "/classifier/injection.model";

    static final int MAGIC = 0x54474943; // "TGIC"
    static final int MIN_GRAM = 3;
    static final int MAX_GRAM = 5;

    /** Characters per scored window; the step between windows is half of it. */
    static final int WINDOW = 240;

    private static volatile InjectionClassifier builtIn;

    private final int bits;
    private final float bias;
    private final float[] weights;

    InjectionClassifier(int bits, float bias, float[] weights) {
        if (weights.length != 1 << bits) {
            throw new IllegalArgumentException("a model of " + bits + " bits has " + (1 << bits) + " weights");
        }
        this.bits = bits;
        this.bias = bias;
        this.weights = weights;
    }

    /** The model built with the agent. */
    public static InjectionClassifier builtIn() {
        InjectionClassifier model = builtIn;
        if (model == null) {
            synchronized (InjectionClassifier.class) {
                model = builtIn;
                if (model == null) {
                    try (InputStream in = InjectionClassifier.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("the injection classifier " + RESOURCE
                                    + " is missing from the agent jar: rebuild the agent (mvn package)");
                        }
                        model = read(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the injection classifier " + RESOURCE, e);
                    }
                    builtIn = model;
                }
            }
        }
        return model;
    }

    /** The probability (0 to 1) that {@code text} is a prompt injection: the highest over its windows. */
    public double probability(String text) {
        String normalized = TextNormalizer.normalize(text);
        if (normalized.length() <= WINDOW) {
            return windowProbability(normalized);
        }
        double highest = 0;
        for (int start = 0; start < normalized.length(); start += WINDOW / 2) {
            int end = Math.min(normalized.length(), start + WINDOW);
            highest = Math.max(highest, windowProbability(normalized.substring(start, end)));
            if (end == normalized.length()) {
                break;
            }
        }
        return highest;
    }

    private double windowProbability(String normalized) {
        return sigmoid(margin(features(normalized, bits)));
    }

    double margin(Features features) {
        double sum = bias;
        for (int i = 0; i < features.size(); i++) {
            sum += weights[features.index(i)] * features.value(i);
        }
        return sum;
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Size of the model in bytes once serialised. */
    public int sizeBytes() {
        return 12 + 4 * weights.length;
    }

    /**
     * The hashed n-grams of already normalised text, padded with a space at both ends so that word starts and ends
     * are features of their own; counts are scaled to unit length so long and short texts score alike.
     */
    static Features features(String normalized, int bits) {
        String padded = " " + normalized + " ";
        int mask = (1 << bits) - 1;
        int[] counts = COUNTS.get();
        if (counts.length < 1 << bits) {
            counts = new int[1 << bits];
            COUNTS.set(counts);
        }
        int[] touched = new int[Math.max(0, padded.length() * (MAX_GRAM - MIN_GRAM + 1))];
        int size = 0;
        for (int start = 0; start < padded.length(); start++) {
            int hash = 0x811c9dc5;
            for (int n = 1; n <= MAX_GRAM && start + n <= padded.length(); n++) {
                hash = (hash ^ padded.charAt(start + n - 1)) * 0x01000193;
                if (n >= MIN_GRAM) {
                    int index = mix(hash, n) & mask;
                    if (counts[index]++ == 0) {
                        touched[size++] = index;
                    }
                }
            }
        }
        double norm = 0;
        for (int i = 0; i < size; i++) {
            norm += (double) counts[touched[i]] * counts[touched[i]];
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = counts[touched[i]] * scale;
            counts[touched[i]] = 0;
        }
        return new Features(touched, values, size);
    }

    /** Scratch counts per thread, all zero between calls. */
    private static final ThreadLocal<int[]> COUNTS = ThreadLocal.withInitial(() -> new int[0]);

    private static int mix(int hash, int n) {
        int h = hash ^ (n * 0x9e3779b9);
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    /** Sparse feature vector: {@code size} (index, value) pairs. */
    record Features(int[] indices, float[] values, int size) {
        int index(int i) {
            return indices[i];
        }

        float value(int i) {
            return values[i];
        }
    }

    static InjectionClassifier read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(in));
        if (data.readInt() != MAGIC) {
            throw new IOException("not a Toolgate injection classifier (bad magic number)");
        }
        int bits = data.readInt();
        if (bits < 8 || bits > 24) {
            throw new IOException("an injection classifier of " + bits + " bits is out of range (8 to 24)");
        }
        float bias = data.readFloat();
        float[] weights = new float[1 << bits];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = data.readFloat();
        }
        return new InjectionClassifier(bits, bias, weights);
    }

    void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(new java.io.BufferedOutputStream(out));
        data.writeInt(MAGIC);
        data.writeInt(bits);
        data.writeFloat(bias);
        for (float w : weights) {
            data.writeFloat(w);
        }
        data.flush();
    }
}
