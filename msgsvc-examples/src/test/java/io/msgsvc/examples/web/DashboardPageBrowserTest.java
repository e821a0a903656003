package io.msgsvc.examples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The starter's dashboard page as the example serves it, in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}): signed in through the example's sign-in page, a reservation registered through the form
 * shows up and fills its progress bar through the live stream, without a reload, and its drill-down lists every
 * recipient's result and delivery report; a reservation is paused, resumed, rescheduled and cancelled from the page.
 * Leaves a screenshot in {@code target/dashboard.png}.
 */
@RunningExample
class DashboardPageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOT = Path.of("target", "dashboard.png");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /**
     * Debian's Chromium is usually newer than the DevTools protocol versions this Selenium knows; the test only
     * uses WebDriver, so the warning about it is noise. Held here because JUL forgets unreferenced loggers.
     */
    private static final Logger CDP_VERSION_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private static final Logger CHROMIUM_DRIVER_LOG = Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver");

    private static WebDriver browser;
    private static Path profileDir;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The browser test needs Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + "; install them with: apt-get install -y --no-install-recommends chromium chromium-driver");
        }
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
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--window-size=1280,1000",
                        "--user-data-dir=" + profileDir);
        // naming both executables keeps Selenium Manager from looking for (or downloading) a browser or driver
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1280, 1000));
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

    @Test
    void aReservationFromTheFormFillsItsProgressBarLiveAndItsDrillDownListsEveryRecipient() throws IOException {
        WebDriverWait wait = signIn("acme", "acme-key");
        assertThat(browser.getCurrentUrl()).endsWith("/msgsvc/");
        assertThat(browser.findElement(By.id("viewer")).getText()).isEqualTo("acme");
        Object loadId = script("return window.__loadId");
        assertThat(loadId).isNotNull();
        recordProgressChanges();

        browser.findElement(By.id("text")).sendKeys("Browser");
        List<String> recipients =
                List.of("+8210-0000-0001", "+8210-0000-0002", "+8210-0000-0003", "+8210-0000-0004", "+8210-0000-0005");
        browser.findElement(By.id("recipients"))
                .sendKeys(recipients.get(0) + "\n" + recipients.get(1) + "\n" + recipients.get(2) + ", "
                        + recipients.get(3) + "\n" + recipients.get(4));
        browser.findElement(By.id("submit")).click();

        WebElement result = wait.until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("#form-result[data-reservation-id]")));
        String id = result.getDomAttribute("data-reservation-id");
        assertThat(result.getText()).contains("5 recipients");
        By row = By.cssSelector("tr.row[data-reservation-id='" + id + "']");
        By bar = By.cssSelector("tr.row[data-reservation-id='" + id + "'] .progress");
        wait.until(ExpectedConditions.attributeToBe(bar, "aria-valuenow", "100"));
        // the simulated gateway reports every message delivered, a moment after it accepted it
        wait.until(ExpectedConditions.attributeToBe(row, "data-status", "COMPLETED"));
        // the statistics panel follows, a moment later
        wait.until(driver -> !driver.findElement(By.id("stat-delivered"))
                        .getText()
                        .equals("–")
                && Integer.parseInt(driver.findElement(By.id("stat-delivered")).getText()) >= 5);

        WebElement completed = browser.findElement(row);
        assertThat(completed.findElement(By.cssSelector(".text")).getText()).isEqualTo("Browser");
        assertThat(completed.findElement(By.cssSelector(".sent-count")).getText())
                .isEqualTo("5");
        assertThat(completed.findElement(By.cssSelector(".label")).getText()).isEqualTo("100 %");
        assertThat(script("return window.__loadId"))
                .as("the page was not reloaded")
                .isEqualTo(loadId);
        List<Long> seen = progressSeen(id);
        assertThat(seen)
                .as("progress shown for %s while it was sent", id)
                .isSortedAccordingTo(Comparator.naturalOrder())
                .endsWith(100L);
        assertThat(seen.get(0)).as("first progress shown").isLessThan(100L);

        completed.findElement(By.cssSelector(".text")).click();
        By lines = By.cssSelector("tr.drilldown[data-reservation-id='" + id + "'] .deliveries tbody tr");
        wait.until(ExpectedConditions.numberOfElementsToBe(lines, recipients.size()));
        List<WebElement> deliveries = browser.findElements(lines);
        assertThat(deliveries)
                .extracting(
                        line -> line.findElement(By.cssSelector(".recipient")).getText())
                .containsExactlyElementsOf(recipients);
        assertThat(deliveries)
                .extracting(line -> line.getDomAttribute("data-state"))
                .containsOnly("DELIVERED");
        assertThat(deliveries)
                .extracting(line ->
                        line.findElement(By.cssSelector(".report-status")).getText())
                .containsOnly("delivered");
        assertThat(browser.findElement(By.cssSelector("tr.drilldown[data-reservation-id='" + id + "'] .facts"))
                        .getText())
                .contains("completed", "Sending began");

        // a moment for the bar's width transition to finish before the picture
        wait.until(driver -> Boolean.TRUE.equals(script("return document.getAnimations().length === 0")));
        Files.createDirectories(SCREENSHOT.getParent());
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(SCREENSHOT)).isPositive();
    }

    @Test
    void aReservationIsPausedResumedRescheduledAndCancelledFromItsRow() {
        ApiClient api = new ApiClient(port, "acme-key");
        String sendAt = Instant.now().plus(Duration.ofHours(1)).toString();
        ApiClient.Reply created = api.post("/api/reservations", """
                {"text": "Paused", "recipients": ["+1", "+2"], "sendAt": "%s"}""".formatted(sendAt));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asText();
        WebDriverWait wait = signIn("acme", "acme-key");
        By row = By.cssSelector("tr.row[data-reservation-id='" + id + "']");
        By pause = By.cssSelector("tr.row[data-reservation-id='" + id + "'] button.pause");
        By cancel = By.cssSelector("tr.row[data-reservation-id='" + id + "'] button.cancel");
        wait.until(ExpectedConditions.attributeToBe(row, "data-status", "SCHEDULED"));
        assertThat(browser.findElement(pause).getText()).isEqualTo("Pause");

        browser.findElement(pause).click();
        wait.until(ExpectedConditions.attributeToBe(row, "data-status", "PAUSED"));
        wait.until(ExpectedConditions.textToBe(pause, "Resume"));
        assertThat(browser.findElement(row)
                        .findElement(By.cssSelector(".status"))
                        .getText())
                .isEqualTo("paused");
        assertThat(status(api, id)).isEqualTo("PAUSED");

        browser.findElement(pause).click();
        wait.until(ExpectedConditions.attributeToBe(row, "data-status", "SCHEDULED"));
        wait.until(ExpectedConditions.textToBe(pause, "Pause"));
        assertThat(status(api, id)).isEqualTo("SCHEDULED");

        // the drill-down moves the send time, here to 2099-01-01 10:00 local time
        browser.findElement(row).findElement(By.cssSelector(".text")).click();
        By at = By.cssSelector("tr.drilldown[data-reservation-id='" + id + "'] .reschedule-at");
        WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(at));
        script("arguments[0].value = '2099-01-01T10:00:00'", input);
        String expected = (String) script("return new Date('2099-01-01T10:00:00').toISOString()");
        browser.findElement(By.cssSelector("tr.drilldown[data-reservation-id='" + id + "'] .reschedule button"))
                .click();
        wait.until(driver -> Instant.parse(api.get("/api/reservations/" + id)
                        .body()
                        .get("reservation")
                        .get("sendAt")
                        .asText())
                .equals(Instant.parse(expected)));

        browser.findElement(cancel).click();
        browser.switchTo().alert().accept();
        wait.until(ExpectedConditions.attributeToBe(row, "data-status", "CANCELLED"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(pause));
        assertThat(browser.findElement(cancel).isDisplayed()).isFalse();
        assertThat(status(api, id)).isEqualTo("CANCELLED");
    }

    @Test
    void theOperatorSeesACustomersReservationsAndActsForIt() {
        ApiClient api = new ApiClient(port, "globex-key");
        String sendAt = Instant.now().plus(Duration.ofHours(1)).toString();
        String id = api.post("/api/reservations", """
                        {"text": "Ops", "recipients": ["+1"], "sendAt": "%s"}""".formatted(sendAt))
                .body()
                .get("id")
                .asText();
        WebDriverWait wait = signIn("operator", "test-operator-key");
        assertThat(browser.findElement(By.id("viewer")).getText()).isEqualTo("operator (operator)");
        assertThat(browser.findElement(By.id("new-card")).isDisplayed())
                .as("no form before a customer is named")
                .isFalse();

        browser.findElement(By.id("customer-id")).sendKeys("globex");
        browser.findElement(By.id("show-customer")).click();
        By row = By.cssSelector("tr.row[data-reservation-id='" + id + "']");
        wait.until(ExpectedConditions.attributeToBe(row, "data-status", "SCHEDULED"));
        browser.findElement(By.cssSelector("tr.row[data-reservation-id='" + id + "'] button.pause"))
                .click();
        wait.until(ExpectedConditions.attributeToBe(row, "data-status", "PAUSED"));
        assertThat(status(api, id)).isEqualTo("PAUSED");
        api.post("/api/reservations/" + id + "/cancel", "");
    }

    /** Signs in through the application's sign-in page, which the front door leads to, and waits for the page. */
    private WebDriverWait signIn(String user, String password) {
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        browser.manage().deleteAllCookies();
        browser.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("connection"), "live"));
        return wait;
    }

    private static String status(ApiClient api, String id) {
        return api.get("/api/reservations/" + id)
                .body()
                .get("reservation")
                .get("status")
                .asText();
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

    private static Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(javascript, arguments);
    }
}
