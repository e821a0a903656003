package io.msgsvc.examples.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Refuses what the servlet container would let through in a lenient way: a query string that is not well-formed
 * UTF-8 percent-encoding (Tomcat would drop that parameter silently, so a request would run without it), and a
 * {@code Content-Type} that names no concrete media type ({@code *}{@code /*}, {@code application/*}, garbage), which
 * Spring would answer with a 500.
 */
final class StrictRequestFilter extends OncePerRequestFilter {
    private final ObjectMapper json;

    StrictRequestFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String badParameter = badQueryParameter(request.getQueryString());
        if (badParameter != null) {
            Problems.write(
                    response,
                    json,
                    Problems.of(
                            HttpStatus.BAD_REQUEST,
                            "Invalid request",
                            "The query string is not well-formed UTF-8 percent-encoding.",
                            badParameter));
            return;
        }
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !concrete(contentType)) {
            Problems.write(
                    response,
                    json,
                    Problems.of(
                            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                            "Unsupported Media Type",
                            "The Content-Type must name a media type such as application/json.",
                            HttpHeaders.CONTENT_TYPE));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean concrete(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isConcrete();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** The name of the first parameter that does not decode, "query" if its own name does not; null if none. */
    private static String badQueryParameter(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (name == null) {
                return "query";
            }
            if (equals >= 0 && decode(pair.substring(equals + 1)) == null) {
                return name;
            }
        }
        return null;
    }

    /** Strict percent-decoding as UTF-8; null when the text is not well-formed. */
    private static String decode(String text) {
        ByteBuffer bytes = ByteBuffer.allocate(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    return null;
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.put((byte) (high * 16 + low));
                i += 2;
            } else if (c > 0x7f) {
                return null; // a raw non-ASCII byte: it should have been encoded
            } else {
                bytes.put((byte) (c == '+' ? ' ' : c));
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
