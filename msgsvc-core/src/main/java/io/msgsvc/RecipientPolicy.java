package io.msgsvc;

/**
 * What a recipient list may hold. Recipients are trimmed; a blank one is always an error.
 *
 * @param maxRecipients the most recipients one reservation may have
 * @param duplicates    what to do when the same recipient appears twice
 */
public record RecipientPolicy(int maxRecipients, Duplicates duplicates) {

    /** Handling of a recipient that appears more than once in one list. */
    public enum Duplicates {
        /** Refuse the request, naming the repeated entry (the default). */
        REJECT,
        /** Keep the first occurrence, drop the later ones. */
        DROP,
        /** Send to it as often as it is listed. */
        ALLOW
    }

    public RecipientPolicy {
        if (maxRecipients < 1) {
            throw new IllegalArgumentException("maxRecipients must be >= 1, was " + maxRecipients);
        }
        java.util.Objects.requireNonNull(duplicates, "duplicates");
    }

    /** At most 100 000 recipients, duplicates rejected. */
    public static RecipientPolicy defaults() {
        return new RecipientPolicy(100_000, Duplicates.REJECT);
    }

    public RecipientPolicy withMaxRecipients(int max) {
        return new RecipientPolicy(max, duplicates);
    }

    public RecipientPolicy withDuplicates(Duplicates handling) {
        return new RecipientPolicy(maxRecipients, handling);
    }
}
