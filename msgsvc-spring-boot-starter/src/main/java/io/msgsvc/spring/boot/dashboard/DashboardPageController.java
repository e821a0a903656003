package io.msgsvc.spring.boot.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The dashboard page and its script and style, from the starter's jar (no CDN: it works offline), to an
 * authenticated viewer only. They are served here rather than as static resources, so that they follow the base path
 * and exist only when the dashboard is on.
 */
@Controller
@RequestMapping("${msgsvc.dashboard.base-path:/msgsvc}")
final class DashboardPageController {
    private static final String PAGE = "io/msgsvc/spring/boot/dashboard/page/";

    private final DashboardAccess access;

    DashboardPageController(DashboardAccess access) {
        this.access = access;
    }

    /**
     * The page's links are relative to the base path with its slash. From the request's own URI, so that the context
     * path and the dispatcher servlet's path ({@code spring.mvc.servlet.path}) stay in it.
     */
    @GetMapping("")
    ResponseEntity<Void> withSlash(HttpServletRequest request) {
        requireViewer(request);
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create(request.getRequestURI() + "/"))
                .build();
    }

    @GetMapping("/")
    ResponseEntity<Resource> page(HttpServletRequest request) {
        return file(request, "index.html", MediaType.TEXT_HTML);
    }

    /** The page's scripts: dashboard.js, and its drill-down and statistics parts. */
    @GetMapping({"/dashboard.js", "/dashboard-details.js", "/dashboard-statistics.js"})
    ResponseEntity<Resource> script(HttpServletRequest request) {
        String name = request.getRequestURI().substring(request.getRequestURI().lastIndexOf('/') + 1);
        return file(request, name, MediaType.valueOf("text/javascript"));
    }

    @GetMapping("/dashboard.css")
    ResponseEntity<Resource> style(HttpServletRequest request) {
        return file(request, "dashboard.css", MediaType.valueOf("text/css"));
    }

    private ResponseEntity<Resource> file(HttpServletRequest request, String name, MediaType type) {
        requireViewer(request);
        return ResponseEntity.ok()
                .contentType(new MediaType(type, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache())
                .header("X-Content-Type-Options", "nosniff")
                .body(new ClassPathResource(PAGE + name, DashboardPageController.class.getClassLoader()));
    }

    private void requireViewer(HttpServletRequest request) {
        if (access.viewer(request).isEmpty()) {
            throw new DashboardRequestException(
                    HttpStatus.UNAUTHORIZED, null, "the dashboard needs an authenticated user");
        }
    }
}
