package io.msgsvc.spring.boot.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;
import org.springframework.util.ClassUtils;

/** {@link DashboardAccess#byPrincipalName}: principal name = customer id, one authority for operators. */
final class PrincipalNameAccess implements DashboardAccess {
    private static final boolean SPRING_SECURITY = ClassUtils.isPresent(
            "org.springframework.security.core.Authentication", PrincipalNameAccess.class.getClassLoader());

    private final String operatorAuthority;

    PrincipalNameAccess(String operatorAuthority) {
        this.operatorAuthority = Objects.requireNonNull(operatorAuthority, "operatorAuthority");
    }

    @Override
    public Optional<DashboardViewer> viewer(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal == null
                || principal.getName() == null
                || principal.getName().isBlank()) {
            return Optional.empty();
        }
        if (SPRING_SECURITY && !SpringSecurityPrincipals.authenticated(principal)) {
            return Optional.empty();
        }
        String name = principal.getName();
        boolean operator = request.isUserInRole(operatorAuthority)
                || (SPRING_SECURITY && SpringSecurityPrincipals.hasAuthority(principal, operatorAuthority));
        return Optional.of(operator ? DashboardViewer.operator(name) : DashboardViewer.customer(name, name));
    }
}
