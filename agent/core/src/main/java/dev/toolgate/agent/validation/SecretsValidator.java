package dev.toolgate.agent.validation;

import dev.toolgate.agent.validation.screening.SecretScanner;
import java.util.List;

/** {@code secrets}: refuses text that carries secrets (keys, tokens, passwords, sensitive values). */
public final class SecretsValidator implements ArgumentValidator {

    public static final String TYPE = "secrets";

    private final SecretScanner scanner;
    private final int maxLength;

    public SecretsValidator(SecretScanner scanner, int maxLength) {
        this.scanner = scanner;
        this.maxLength = maxLength;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Verdict check(String value) {
        if (value.length() > maxLength) {
            return Verdict.deny("the text is " + value.length() + " characters long, over the scanning limit of "
                    + maxLength);
        }
        List<SecretScanner.Secret> found = scanner.find(value);
        return found.isEmpty() ? Verdict.ALLOW : Verdict.deny("the text carries secrets ("
                + SecretScanner.describe(found) + ")");
    }
}
