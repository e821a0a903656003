package io.msgsvc.spring.boot.dashboard;

import java.security.Principal;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** What Spring Security knows of a principal; loaded only when Spring Security is on the class path. */
final class SpringSecurityPrincipals {
    private SpringSecurityPrincipals() {}

    /** False for an anonymous or not (or no longer) authenticated token; true for other principals. */
    static boolean authenticated(Principal principal) {
        if (principal instanceof Authentication authentication) {
            return authentication.isAuthenticated() && !(authentication instanceof AnonymousAuthenticationToken);
        }
        return true;
    }

    /** Authorities as granted, without the "ROLE_" prefix that {@code isUserInRole} adds. */
    static boolean hasAuthority(Principal principal, String authority) {
        if (principal instanceof Authentication authentication) {
            for (GrantedAuthority granted : authentication.getAuthorities()) {
                if (authority.equals(granted.getAuthority())) {
                    return true;
                }
            }
        }
        return false;
    }
}
