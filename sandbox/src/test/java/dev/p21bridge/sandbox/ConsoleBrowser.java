package dev.p21bridge.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through {@code /usr/bin/chromedriver}, one per test, with a fresh profile and no
 * network of its own (no updates, sync or background fetches). Where Chromium or its driver is missing the test fails
 * naming what to install; {@code BRIDGE_SKIP_BROWSER_TESTS=true} skips the browser tests instead (docs/development.md).
 * Screenshots go to {@code target/screenshots/<test>-<page>.png}.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final String SKIP = "BRIDGE_SKIP_BROWSER_TESTS";
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<Path> CHROMIUM = List.of(Path.of("/usr/lib/chromium/chromium"), Path.of("/usr/bin/chromium"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final String test;
    private final String base;

    private ConsoleBrowser(ChromeDriver driver, Path profile, String test, String base) {
        this.driver = driver;
        this.profile = profile;
        this.test = test;
        this.base = base;
    }

    /** A browser for {@code test} on the console at {@code base} (http://localhost:port). */
    static ConsoleBrowser open(String test, String base) throws IOException {
        Assumptions.assumeFalse("true".equalsIgnoreCase(System.getenv(SKIP)), SKIP + "=true: browser tests skipped");
        Path chromium = CHROMIUM.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (chromium == null || !Files.isExecutable(DRIVER)) {
            Assertions.fail("the console's browser tests need Debian's chromium and chromium-driver: "
                    + (chromium == null ? "no Chromium at " + CHROMIUM : "") + (Files.isExecutable(DRIVER) ? "" : " no "
                    + DRIVER) + " (apt-get install chromium chromium-driver, as .ci/run does; " + SKIP
                    + "=true skips these tests)");
        }
        Path profile = Files.createTempDirectory("console-browser-");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
        return new ConsoleBrowser(driver, profile, test, base);
    }

    WebDriver driver() {
        return driver;
    }

    void go(String path) {
        driver.get(base + path);
    }

    String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /** Clicks a link or button that loads another page, and waits until that page has loaded. */
    void click(String css) {
        WebElement before = driver.findElement(By.tagName("html"));
        driver.findElement(By.cssSelector(css)).click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(page -> isGone(before));
        wait.until(page -> "complete".equals(((JavascriptExecutor) page).executeScript("return document.readyState")));
    }

    /**
     * Whether an element's page has been replaced. Chromium sometimes answers a look at an element of a page already
     * gone with "Node with given id does not belong to the document" instead of a stale-element error.
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    void logIn(String token) {
        go("/login");
        driver.findElement(By.id("token")).sendKeys(token);
        click("#login");
    }

    /** Saves what the browser shows as {@code target/screenshots/<test>-<page>.png}. */
    void screenshot(String page) {
        try {
            Files.write(SCREENSHOTS.resolve(test + "-" + page + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
