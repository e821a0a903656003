package io.msgsvc.smpp;

import java.time.Duration;
import java.time.ZoneId;

/** What {@link SmppChannelBuilder} collected; immutable. */
record SmppSettings(
        String host,
        int port,
        String systemId,
        String password,
        String systemType,
        SmppBind bind,
        String sourceAddress,
        byte sourceTon,
        byte sourceNpi,
        String serviceType,
        boolean registeredDelivery,
        int sessions,
        int windowPerSession,
        Duration windowWait,
        Duration enquireLinkInterval,
        Duration responseTimeout,
        Duration bindTimeout,
        Duration rebindInitialBackoff,
        Duration rebindMaxBackoff,
        Duration throttledFor,
        SmsEncoding encoding,
        LongMessages longMessages,
        ZoneId receiptTimeZone) {

    String endpoint() {
        return host + ":" + port + " as " + systemId;
    }
}
