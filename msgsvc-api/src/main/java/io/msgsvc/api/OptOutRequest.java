package io.msgsvc.api;

/**
 * One address to put on an opt-out list, as a customer gives it; the engine checks and normalises it.
 *
 * @param address the recipient's address as written (e.g. {@code 010-1234-5678}, {@code +82 10 1234 5678}, an
 *                e-mail address); not blank
 * @param scope   which messages it stops; null means {@link OptOutScope#ALL}
 * @param reason  why, or null; at most {@value OptOut#MAX_REASON_LENGTH} characters
 */
public record OptOutRequest(String address, OptOutScope scope, String reason) {
    /**
     * An opt-out from every message, without a reason.
     *
     * @param address the recipient's address as written
     * @return the request
     */
    public static OptOutRequest of(String address) {
        return new OptOutRequest(address, OptOutScope.ALL, null);
    }

    /** @return the scope, {@link OptOutScope#ALL} when none was given */
    public OptOutScope scopeOrAll() {
        return scope == null ? OptOutScope.ALL : scope;
    }
}
