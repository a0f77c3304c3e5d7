package dev.toolgate.agent.screening;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains the {@link InjectionClassifier} when the agent is built: logistic regression with L2 regularisation, fitted
 * by AdaGrad over a fixed number of passes in a seeded order, so the same text always gives the same model. The
 * training text is {@code injection.txt} (instructions aimed at the model) and {@code benign.txt} (requests and
 * data, many with the same words) in one folder, one sample a line, {@code #} starting a comment line.
 *
 * <p>Usage: {@code InjectionClassifierTrainer TRAINING_DIR MODEL_FILE}.
 */
public final class InjectionClassifierTrainer {

    static final int BITS = 16;
    static final int EPOCHS = 40;
    static final double L2 = 1e-4;
    static final double RATE = 0.5;
    static final long SEED = 20_240_601L;

    private InjectionClassifierTrainer() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: InjectionClassifierTrainer TRAINING_DIR MODEL_FILE");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        List<String> positives = samples(dir.resolve("injection.txt"));
        List<String> negatives = samples(dir.resolve("benign.txt"));
        InjectionClassifier model = train(positives, negatives);
        Path out = Path.of(args[1]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream stream = Files.newOutputStream(out)) {
            model.write(stream);
        }
        int errors = 0;
        for (String p : positives) {
            errors += model.probability(p) < 0.5 ? 1 : 0;
        }
        for (String n : negatives) {
            errors += model.probability(n) >= 0.5 ? 1 : 0;
        }
        System.out.printf(
                "injection classifier: %d injection and %d benign samples, %d misfit, %d bytes -> %s%n",
                positives.size(), negatives.size(), errors, model.sizeBytes(), out);
    }

    /** The non-empty, non-comment lines of {@code file}; a missing file is an error naming it. */
    static List<String> samples(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("training text " + file + " is missing");
        }
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String sample = line.strip();
            if (!sample.isEmpty() && !sample.startsWith("#")) {
                out.add(sample.replace("\\n", "\n"));
            }
        }
        if (out.isEmpty()) {
            throw new IOException("training text " + file + " has no samples");
        }
        return out;
    }

    static InjectionClassifier train(List<String> positives, List<String> negatives) {
        List<InjectionClassifier.Features> features = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String p : positives) {
            features.add(InjectionClassifier.features(TextNormalizer.normalize(p), BITS));
            labels.add(1);
        }
        for (String n : negatives) {
            features.add(InjectionClassifier.features(TextNormalizer.normalize(n), BITS));
            labels.add(0);
        }
        // classes weighted to count alike, whatever their sizes
        double positiveWeight = (double) features.size() / (2.0 * positives.size());
        double negativeWeight = (double) features.size() / (2.0 * negatives.size());
        float[] weights = new float[1 << BITS];
        double[] squares = new double[1 << BITS];
        double bias = 0;
        double biasSquares = 0;
        int[] order = new int[features.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(SEED);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int k : order) {
                InjectionClassifier.Features x = features.get(k);
                double margin = bias;
                for (int i = 0; i < x.size(); i++) {
                    margin += weights[x.index(i)] * x.value(i);
                }
                int y = labels.get(k);
                double error = (InjectionClassifier.sigmoid(margin) - y) * (y == 1 ? positiveWeight : negativeWeight);
                for (int i = 0; i < x.size(); i++) {
                    int index = x.index(i);
                    double gradient = error * x.value(i) + L2 * weights[index];
                    squares[index] += gradient * gradient;
                    weights[index] -= (float) (RATE * gradient / Math.sqrt(squares[index] + 1e-8));
                }
                biasSquares += error * error;
                bias -= RATE * error / Math.sqrt(biasSquares + 1e-8);
            }
        }
        return new InjectionClassifier(BITS, (float) bias, weights);
    }
}
