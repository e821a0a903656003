package io.msgsvc;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Objects;

/**
 * What a recipient list may hold. Recipients are trimmed; a blank one is always an error.
 *
 * @param maxRecipients the most recipients one reservation may have
 * @param duplicates    what to do when the same recipient appears twice
 * @param defaultRegion the region (ISO 3166 code, e.g. {@code KR}) a phone number written without its country code
 *                      is read in when opt-out lists are matched, or null to match such numbers by their digits only
 */
public record RecipientPolicy(int maxRecipients, Duplicates duplicates, String defaultRegion) {

    /** Handling of a recipient that appears more than once in one list. */
    public enum Duplicates {
        /** Refuse the request, naming the repeated entry (the default). */
        REJECT,
        /** Keep the first occurrence, drop the later ones. */
        DROP,
        /** Send to it as often as it is listed. */
        ALLOW
    }

    /**
     * @param maxRecipients the most recipients one reservation may have, at least 1
     * @param duplicates    what to do when the same recipient appears twice
     * @param defaultRegion an ISO 3166 code phone numbers are known for, or null
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public RecipientPolicy {
        if (maxRecipients < 1) {
            throw new IllegalArgumentException("maxRecipients must be >= 1, was " + maxRecipients);
        }
        Objects.requireNonNull(duplicates, "duplicates");
        if (defaultRegion != null
                && !PhoneNumberUtil.getInstance().getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalArgumentException("defaultRegion is not a region phone numbers are known for (an ISO "
                    + "3166 code such as KR or US): " + defaultRegion);
        }
    }

    /**
     * A policy without a default region for phone numbers.
     *
     * @param maxRecipients the most recipients one reservation may have
     * @param duplicates    what to do when the same recipient appears twice
     */
    public RecipientPolicy(int maxRecipients, Duplicates duplicates) {
        this(maxRecipients, duplicates, null);
    }

    /** {@return at most 100 000 recipients, duplicates rejected, no default region} */
    public static RecipientPolicy defaults() {
        return new RecipientPolicy(100_000, Duplicates.REJECT);
    }

    /**
     * {@return the policy with another recipient limit}
     *
     * @param max the most recipients one reservation may have, at least 1
     */
    public RecipientPolicy withMaxRecipients(int max) {
        return new RecipientPolicy(max, duplicates, defaultRegion);
    }

    /**
     * {@return the policy with another duplicate handling}
     *
     * @param handling what to do when the same recipient appears twice
     */
    public RecipientPolicy withDuplicates(Duplicates handling) {
        return new RecipientPolicy(maxRecipients, handling, defaultRegion);
    }

    /**
     * Phone numbers without a country code are read as numbers of {@code region} when opt-out lists are matched:
     * with {@code KR}, {@code 010-1234-5678} and {@code +82 10 1234 5678} are one address.
     *
     * @param region an ISO 3166 code such as {@code KR}, or null for none
     * @return the policy with that region
     */
    public RecipientPolicy withDefaultRegion(String region) {
        return new RecipientPolicy(maxRecipients, duplicates, region);
    }
}
