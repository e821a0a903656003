package io.msgsvc.spring.boot.dashboard.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.ReportStatus;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The starter's dashboard page in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver};
 * skipped without them): the customer signs in through the application's login form, a reservation's row fills its
 * progress bar through the live stream without a reload, and its drill-down lists every recipient's result, report
 * and reason, with the cost in the configured currency. Leaves a screenshot in
 * {@code target/dashboard-starter.png}.
 */
@RunningDashboardApp
class DashboardPageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOT = Path.of("target", "dashboard-starter.png");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** Debian's Chromium is newer than the DevTools versions this Selenium knows; only WebDriver is used here. */
    private static final Logger CDP_VERSION_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private static final Logger CHROMIUM_DRIVER_LOG = Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver");

    private static WebDriver browser;
    private static Path profileDir;

    @LocalServerPort
    int port;

    @Autowired
    Msgsvc msgsvc;

    @BeforeAll
    static void startBrowser() throws IOException {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser test needs Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (apt-get install chromium chromium-driver); skipped without them");
        CDP_VERSION_LOG.setLevel(Level.SEVERE);
        CHROMIUM_DRIVER_LOG.setLevel(Level.SEVERE);
        profileDir = Files.createTempDirectory("dashboard-chromium-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--window-size=1400,1200",
                        "--user-data-dir=" + profileDir);
        // naming both executables keeps Selenium Manager from looking for (or downloading) a browser or driver
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1400, 1200));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profileDir != null) {
            try (Stream<Path> files = Files.walk(profileDir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** Each test signs in as the user it needs. */
    @BeforeEach
    void signedOut() {
        browser.manage().deleteAllCookies();
    }

    @Test
    void aReservationFillsItsRowLiveAndItsDrillDownListsEveryRecipient() throws IOException {
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        browser.get("http://localhost:" + port + "/msgsvc/");
        // the application's login form, not the dashboard's: the dashboard brings no sign-in of its own
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
        browser.findElement(By.name("username")).sendKeys("acme");
        browser.findElement(By.name("password")).sendKeys("acme-pw");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("connection"), "live"));
        assertThat(browser.findElement(By.id("viewer")).getText()).isEqualTo("acme");
        assertThat(browser.findElement(By.id("customer-form")).isDisplayed())
                .as("only an operator picks the customer")
                .isFalse();
        Object loadId = script("return window.__loadId");
        recordProgressChanges();

        Reservation r = msgsvc.reserve(ReservationRequest.builder()
                .customerId("acme")
                .text("Browser")
                .recipients("+8210-0000-0001", "+8210-0000-0002", "+0810-0000-0003", "+8210-0000-0004")
                .build());
        String id = r.id().toString();
        By row = By.cssSelector("tr.row[data-reservation-id='" + id + "']");
        By bar = By.cssSelector("tr.row[data-reservation-id='" + id + "'] .progress");
        wait.until(ExpectedConditions.attributeToBe(row, "data-status", "AWAITING_RESULTS"));
        wait.until(ExpectedConditions.textToBe(By.id("page-info"), "page 1 of 1"));
        for (Delivery d : msgsvc.reservation("acme", r.id()).deliveries()) {
            if (d.providerReference() != null) {
                msgsvc.reportDelivery(DeliveryReport.forReference(d.providerReference())
                        .status(ReportStatus.DELIVERED)
                        .build());
            }
        }
        wait.until(ExpectedConditions.attributeToBe(row, "data-status", "PARTIALLY_FAILED"));
        wait.until(ExpectedConditions.attributeToBe(bar, "aria-valuenow", "100"));
        WebElement done = browser.findElement(row);
        assertThat(done.findElement(By.cssSelector(".text")).getText()).isEqualTo("Browser");
        assertThat(done.findElement(By.cssSelector(".sent-count")).getText()).isEqualTo("3");
        assertThat(script("return window.__loadId"))
                .as("the page was not reloaded")
                .isEqualTo(loadId);
        List<Long> seen = progressSeen(id);
        assertThat(seen).as("progress shown for %s", id).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(seen).endsWith(100L);
        // the cost column follows the status: three accepted sends at 0.05
        wait.until(driver -> driver.findElement(row)
                .findElement(By.cssSelector(".cost"))
                .getText()
                .contains("0.15"));
        assertThat(done.findElement(By.cssSelector(".cost")).getText()).containsAnyOf("€", "EUR");

        done.click();
        By recipients = By.cssSelector("tr.drilldown[data-reservation-id='" + id + "'] .deliveries tbody tr");
        wait.until(ExpectedConditions.numberOfElementsToBe(recipients, 4));
        List<WebElement> lines = browser.findElements(recipients);
        assertThat(lines)
                .extracting(line -> line.getDomAttribute("data-state"))
                .containsExactly("DELIVERED", "DELIVERED", "FAILED", "DELIVERED");
        assertThat(lines.get(0).findElement(By.cssSelector(".recipient")).getText())
                .isEqualTo("+8210-0000-0001");
        assertThat(lines.get(0).findElement(By.cssSelector(".report-status")).getText())
                .isEqualTo("delivered");
        assertThat(lines.get(2).findElement(By.cssSelector(".reason")).getText())
                .contains(ReportingChannel.UNROUTABLE);
        WebElement facts = browser.findElement(By.cssSelector("tr.drilldown[data-reservation-id='" + id + "'] .facts"));
        assertThat(facts.getText()).contains("Created", "Send at", "Sending began", "Cost");
        // the statistics chart has the day's bar
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart g.bucket rect")));

        wait.until(driver -> Boolean.TRUE.equals(script("return document.getAnimations().length === 0")));
        Files.createDirectories(SCREENSHOT.getParent());
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(SCREENSHOT)).isPositive();
    }

    @Test
    void anOperatorPicksACustomerAndPagesToItsOlderReservations() {
        List<String> registered = new java.util.ArrayList<>();
        for (int i = 0; i < 55; i++) {
            registered.add(msgsvc.reserve(ReservationRequest.builder()
                            .customerId("pages")
                            .text("Page " + i)
                            .recipients("+1")
                            .sendAt(java.time.Instant.now().plus(Duration.ofDays(1)))
                            .build())
                    .id()
                    .toString());
        }
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        browser.manage().deleteAllCookies();
        browser.get("http://localhost:" + port + "/msgsvc/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
        browser.findElement(By.name("username")).sendKeys("ops");
        browser.findElement(By.name("password")).sendKeys("ops-pw");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("connection"), "live"));
        assertThat(browser.findElement(By.id("viewer")).getText()).isEqualTo("ops (operator)");
        wait.until(ExpectedConditions.textToBe(By.id("stats-scope"), "of every customer"));

        browser.findElement(By.id("customer-id")).sendKeys("pages");
        browser.findElement(By.id("show-customer")).click();
        By rows = By.cssSelector("#reservations tr.row");
        wait.until(ExpectedConditions.numberOfElementsToBe(rows, 50));
        wait.until(ExpectedConditions.textToBe(By.id("page-info"), "page 1 of 2"));
        // in the engine's order, newest first (registrations in the same millisecond go by id)
        List<String> newestFirst = msgsvc.reservations("pages", PageRequest.of(0, 100)).items().stream()
                .map(r -> r.id().toString())
                .toList();
        assertThat(newestFirst).containsExactlyInAnyOrderElementsOf(registered);
        assertThat(browser.findElements(rows))
                .extracting(row -> row.getDomAttribute("data-reservation-id"))
                .containsExactlyElementsOf(newestFirst.subList(0, 50));

        browser.findElement(By.id("older")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(rows, 5));
        assertThat(browser.findElements(rows))
                .extracting(row -> row.getDomAttribute("data-reservation-id"))
                .containsExactlyElementsOf(newestFirst.subList(50, 55));
        assertThat(browser.findElement(By.id("older")).isEnabled()).isFalse();
        browser.findElement(By.id("newer")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(rows, 50));
    }

    @Test
    void aChangeThatComesWhileTheListIsReadIsNotLost() {
        Reservation r = msgsvc.reserve(ReservationRequest.builder()
                .customerId("globex")
                .text("Paused while listed")
                .recipients("+1")
                .sendAt(java.time.Instant.now().plus(Duration.ofDays(1)))
                .build());
        By row = By.cssSelector("tr.row[data-reservation-id='" + r.id() + "']");
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        browser.manage().deleteAllCookies();
        browser.get("http://localhost:" + port + "/msgsvc/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
        browser.findElement(By.name("username")).sendKeys("globex");
        browser.findElement(By.name("password")).sendKeys("globex-pw");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("connection"), "live"));
        wait.until(ExpectedConditions.attributeToBe(row, "data-status", "SCHEDULED"));

        // the list is read now, but its answer reaches the page only when released; other requests go through
        script("""
                const fetchNow = window.fetch;
                window.__held = [];
                window.__inFlight = 0;
                window.__events = 0;
                window.fetch = (url, options) => {
                  if (/api\\/reservations\\?/.test(String(url))) {
                    return fetchNow(url, options).then((answer) => new Promise((release) =>
                        window.__held.push(() => release(answer))));
                  }
                  window.__inFlight += 1;
                  return fetchNow(url, options).finally(() => { window.__inFlight -= 1; });
                };
                state.source.addEventListener('reservation', () => { window.__events += 1; });
                loadPage(0);
                """);
        wait.until(driver -> ((Number) script("return window.__held.length")).intValue() == 1);
        msgsvc.pause("globex", r.id());
        wait.until(driver -> Boolean.TRUE.equals(script("return window.__events > 0 && window.__inFlight === 0")));

        script("window.__held.forEach((release) => release())");
        wait.until(ExpectedConditions.attributeToBe(row, "data-status", "PAUSED"));
    }

    /** Notes every progress value any row shows from now on, as {@code "<id> <percent>"}. */
    private static void recordProgressChanges() {
        script("""
                window.__progressSeen = [];
                const note = (bar) => window.__progressSeen.push(
                    bar.closest('tr').dataset.reservationId + ' ' + bar.getAttribute('aria-valuenow'));
                new MutationObserver((mutations) => mutations.forEach((m) => {
                  if (m.type === 'attributes') note(m.target);
                  m.addedNodes.forEach((n) => n.querySelectorAll && n.querySelectorAll('.progress').forEach(note));
                })).observe(document.getElementById('reservations'),
                    { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
                """);
    }

    @SuppressWarnings("unchecked")
    private static List<Long> progressSeen(String id) {
        List<String> seen = (List<String>) script("return window.__progressSeen");
        return seen.stream()
                .filter(entry -> entry.startsWith(id + " "))
                .map(entry -> Long.parseLong(entry.substring(id.length() + 1)))
                .distinct()
                .toList();
    }

    private static Object script(String javascript) {
        return ((JavascriptExecutor) browser).executeScript(javascript);
    }
}
