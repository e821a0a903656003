package io.msgsvc.smpp;

import io.msgsvc.api.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import org.jsmpp.PDUSender;
import org.jsmpp.bean.DataCoding;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.SubmitSmCommandTask;

/** The {@code submit_sm} PDUs of one message: one, or one per part of a long text, in order. */
final class Submits {
    private static final byte UDH_INDICATOR = 0x40;
    private static final byte INTERNATIONAL = 1;
    private static final byte ISDN = 1;
    private static final byte UNKNOWN = 0;
    /** destination_addr is a C-octet string of up to 21 octets with its terminating zero. */
    private static final int MAX_ADDRESS = 20;

    /** One {@code submit_sm}: written by a session, with its own PDU sender. */
    interface Part {
        SubmitSmCommandTask task(PDUSender sender);
    }

    private final SmppSettings settings;
    private final TypeOfNumber sourceTon;
    private final NumberingPlanIndicator sourceNpi;

    Submits(SmppSettings settings) {
        this.settings = settings;
        this.sourceTon = TypeOfNumber.valueOf(settings.sourceTon());
        this.sourceNpi = NumberingPlanIndicator.valueOf(settings.sourceNpi());
    }

    /** The submits of a message, or {@link SmsText.Unsendable} for a recipient SMPP cannot address. */
    List<Part> parts(OutboundMessage message, SmsText text) throws SmsText.Unsendable {
        Destination to = Destination.of(message.recipient());
        if (to.address().isEmpty() || to.address().length() > MAX_ADDRESS) {
            throw new SmsText.Unsendable("the recipient is not an SMPP address (1 to " + MAX_ADDRESS
                    + " characters without spaces and dashes): " + message.recipient());
        }
        DataCoding coding = new RawDataCoding(text.dataCoding());
        if (!text.isLong()) {
            return List.of(part(to, coding, (byte) 0, receipt(true), text.whole()));
        }
        if (settings.longMessages() == LongMessages.MESSAGE_PAYLOAD) {
            return List.of(part(
                    to,
                    coding,
                    (byte) 0,
                    receipt(true),
                    new byte[0],
                    new OptionalParameter.Message_payload(text.whole())));
        }
        // the same reference for every send of this delivery, so a handset joins the parts of a resend once
        byte reference = (byte) message.deliveryId().hashCode();
        int total = text.parts().size();
        List<Part> parts = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            byte[] bytes = text.parts().get(i);
            byte[] withHeader = new byte[bytes.length + 6];
            withHeader[0] = 5; // header length: one concatenation element of 8-bit reference
            withHeader[1] = 0;
            withHeader[2] = 3;
            withHeader[3] = reference;
            withHeader[4] = (byte) total;
            withHeader[5] = (byte) (i + 1);
            System.arraycopy(bytes, 0, withHeader, 6, bytes.length);
            parts.add(part(to, coding, UDH_INDICATOR, receipt(i == total - 1), withHeader));
        }
        return parts;
    }

    /** Only the last part of a long message asks for a receipt: its receipt decides the delivery. */
    private RegisteredDelivery receipt(boolean wanted) {
        return new RegisteredDelivery(
                settings.registeredDelivery() && wanted
                        ? SMSCDeliveryReceipt.SUCCESS_FAILURE
                        : SMSCDeliveryReceipt.DEFAULT);
    }

    private Part part(
            Destination to,
            DataCoding coding,
            byte esmClass,
            RegisteredDelivery receipt,
            byte[] shortMessage,
            OptionalParameter... parameters) {
        return sender -> new SubmitSmCommandTask(
                sender,
                settings.serviceType(),
                sourceTon,
                sourceNpi,
                settings.sourceAddress(),
                TypeOfNumber.valueOf(to.ton()),
                NumberingPlanIndicator.valueOf(to.npi()),
                to.address(),
                new ESMClass(esmClass),
                (byte) 0,
                (byte) 0,
                null,
                null,
                receipt,
                (byte) 0,
                coding,
                (byte) 0,
                shortMessage,
                parameters);
    }

    /**
     * A recipient as an SMPP address: {@code +} and digits is an international E.164 number (TON 1, NPI 1, digits
     * only); anything else goes as written with an unknown type of number, without spaces and dashes.
     */
    record Destination(byte ton, byte npi, String address) {
        static Destination of(String recipient) {
            String compact = recipient.replaceAll("[\\s\\-().]", "");
            if (compact.startsWith("+")) {
                return new Destination(INTERNATIONAL, ISDN, compact.substring(1));
            }
            return new Destination(UNKNOWN, ISDN, compact);
        }
    }
}
