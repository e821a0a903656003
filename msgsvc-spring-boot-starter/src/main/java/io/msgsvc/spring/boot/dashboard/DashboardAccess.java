package io.msgsvc.spring.boot.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Decides whose data a dashboard request sees, from the principal the host application authenticated (its Spring
 * Security filter chain, or the servlet container). The dashboard brings no authentication of its own: a request
 * without a viewer is refused with 401. Define a bean of this type to map principals to customers differently.
 */
@FunctionalInterface
public interface DashboardAccess {

    /**
     * The viewer of a request.
     *
     * @param request the request, after the host's security ran
     * @return the viewer, or empty when the request may see nothing
     */
    Optional<DashboardViewer> viewer(HttpServletRequest request);

    /**
     * The default: the principal's name is the customer id, and a principal with {@code operatorAuthority} (as a
     * Spring Security authority, or a servlet role) sees every customer. No principal, or an anonymous one, sees
     * nothing.
     *
     * @param operatorAuthority the authority of operators
     * @return the access rule
     */
    static DashboardAccess byPrincipalName(String operatorAuthority) {
        return new PrincipalNameAccess(operatorAuthority);
    }
}
