package io.msgsvc.spring.boot;

import io.msgsvc.ContentPolicy;
import io.msgsvc.api.MessageSizer;
import io.msgsvc.api.OverLength;

/** {@code msgsvc.content.*} as the engine's content policy; a setting that needs another one names it. */
final class ContentProperties {
    private ContentProperties() {}

    /** The policy, or null when nothing is set (the engine's default: unlimited). */
    static ContentPolicy policy(MsgsvcProperties.Content content) {
        boolean sized = content.sizer() != null;
        if (!sized && (content.overLength() != OverLength.REJECT || content.perDelivery())) {
            throw new IllegalArgumentException(
                    "msgsvc.content.over-length and msgsvc.content.per-delivery need msgsvc.content.sizer");
        }
        if (sized && content.maxLength() != null) {
            throw new IllegalArgumentException("msgsvc.content.max-length and msgsvc.content.sizer exclude each other");
        }
        ContentPolicy policy = sized
                ? ContentPolicy.sized(sizer(content.sizer())).overLength(content.overLength())
                : content.maxLength() != null ? ContentPolicy.maxLength(content.maxLength()) : null;
        if (policy == null) {
            if (content.failFast()) {
                throw new IllegalArgumentException(
                        "msgsvc.content.fail-fast needs msgsvc.content.max-length or msgsvc.content.sizer");
            }
            return null;
        }
        policy = content.failFast() ? policy.failFast() : policy;
        return content.perDelivery() ? policy.perDelivery() : policy;
    }

    private static MessageSizer sizer(MsgsvcProperties.Sizer sizer) {
        return switch (sizer) {
            case KOREAN_CARRIERS -> MessageSizer.koreanCarriers();
            case GSM -> MessageSizer.gsm();
        };
    }
}
