package dev.ordersaga.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's {@code chromium}, driven through its {@code chromedriver}; nothing is downloaded), on the
 * application under test. Every page's console is read: {@link #consoleErrors()}. Screenshots go to
 * {@code target/browser-screenshots/}.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
    private static final String CHROMIUM = System.getProperty("order-saga.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("order-saga.chromedriver", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final String base;

    Browser(String base, int width, int height) {
        this.base = base;
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=" + width + "," + height,
                "--lang=en-GB", "--hide-scrollbars");
        var logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    void open(String path) {
        driver.get(base + path);
    }

    /** Goes to a page of the single-page app without reloading it. */
    void navigate(String hash) {
        script("location.hash = arguments[0];", hash);
    }

    <T> T await(Duration atMost, ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, atMost, Duration.ofMillis(100)).until(condition);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** The SVG group of a diagram element, whose classes carry the markers. */
    String classesOf(String elementId) {
        return find(".djs-element[data-element-id='" + elementId + "']").getAttribute("class");
    }

    /** Errors and warnings of the page's console (and failed loads) since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::toString)
                .toList();
    }

    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save screenshot " + name, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
