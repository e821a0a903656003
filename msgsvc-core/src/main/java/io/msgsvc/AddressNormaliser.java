package io.msgsvc;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One form for each address, so an opt-out matches a recipient however either was written: an e-mail address in
 * lower case; a phone number in E.164 (by libphonenumber, reading a number without a country code in the default
 * region; without a default region, or if it cannot be read as a number, its digits with a leading {@code +} kept);
 * anything else trimmed.
 */
final class AddressNormaliser {
    /** Digits with the separators people write: spaces, dashes, dots, brackets, a leading plus. */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 .\\-()/]*");

    private static final Pattern NOT_DIGIT = Pattern.compile("[^0-9]");

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    AddressNormaliser(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    /** The normalised form of {@code address}, never null; blank stays blank (refused by the callers). */
    String normalise(String address) {
        String trimmed = address.strip();
        if (trimmed.indexOf('@') > 0) {
            return trimmed.toLowerCase(Locale.ROOT);
        }
        if (!PHONE.matcher(trimmed).matches()) {
            return trimmed;
        }
        boolean international = trimmed.startsWith("+");
        if (international || defaultRegion != null) {
            try {
                PhoneNumber number = phones.parse(trimmed, international ? null : defaultRegion);
                if (phones.isPossibleNumber(number)) {
                    return phones.format(number, PhoneNumberFormat.E164);
                }
            } catch (NumberParseException notANumber) { // kept as its digits below
            }
        }
        return (international ? "+" : "") + NOT_DIGIT.matcher(trimmed).replaceAll("");
    }
}
