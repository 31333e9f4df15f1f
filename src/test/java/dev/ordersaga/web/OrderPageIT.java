package dev.ordersaga.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.support.OrderApi;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import dev.ordersaga.support.Orders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The order page in a real browser (headless Chromium) on the whole application: the real embedded engine, broker and
 * Elasticsearch, and the reference participants. What the browser saw is saved under {@code target/browser-screenshots/}.
 */
@OrderSagaIntegrationTest
@TestPropertySource(properties = "order-saga.participants.admin.enabled=true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderPageIT {

    private static final Duration SAGA = Duration.ofSeconds(60);
    private static final List<String> FORWARD_STEPS = List.of("Task_ReserveInventory", "Task_ChargePayment", "Task_ScheduleShipment",
            "Task_NotifyCustomer");

    @Autowired
    TestRestTemplate rest;

    @LocalServerPort
    int port;

    private OrderApi api;
    private Browser browser;

    @BeforeAll
    void startBrowser() {
        api = new OrderApi(rest);
        browser = new Browser("http://localhost:" + port, 1280, 800);
    }

    @AfterAll
    void stopBrowser() {
        browser.close();
    }

    @BeforeEach
    void forgetEarlierConsoleLines() {
        browser.consoleErrors();
    }

    @AfterEach
    void noPageLoggedAnError() {
        assertThat(browser.consoleErrors()).as("console errors and warnings").isEmpty();
    }

    @Test
    void aShippedOrderHasEveryForwardStepCompletedAndNothingCompensatedOnADiagramWhoseLabelsDoNotOverlap() {
        String orderId = api.place(Orders.happy("page-shipped"));
        api.awaitState(orderId, SAGA, "OrderShipped");

        openOrder(orderId);
        awaitFinished();

        for (String step : FORWARD_STEPS) {
            assertThat(browser.classesOf(step)).as(step).contains("path-completed").doesNotContain("path-compensated");
        }
        assertThat(browser.classesOf("End_OrderCompleted")).contains("path-completed");
        assertThat(browser.findAll(".path-compensated, .path-compensation, .path-failed")).isEmpty();
        assertThat(browser.find(".djs-connection[data-element-id='Flow_ToOrderCompleted']").getAttribute("class")).contains("path-taken");
        assertThat(timelineTypes("command")).containsExactly("ReserveInventory", "ChargePayment", "ScheduleShipment", "NotifyCustomer");
        browser.screenshot("order-shipped");

        assertThat(labelProblems()).as("labels that overlap another label or cover a shape").isEmpty();
        assertWatermarkVisible();
    }

    @Test
    void anOrderFailedAtShipmentShowsTheFailedStepAndTheRefundBeforeTheRelease() {
        String orderId = api.place(Orders.order("page-aq", "book-0002", 1, "19.90", "AQ"));
        api.awaitState(orderId, SAGA, "OrderFailed");

        openOrder(orderId);
        awaitFinished();

        assertThat(browser.classesOf("Task_ScheduleShipment")).contains("path-failed");
        assertThat(browser.classesOf("Boundary_ShipmentKO")).contains("path-completed");
        assertThat(browser.classesOf("Task_RefundPayment")).contains("path-compensation");
        assertThat(browser.classesOf("Task_ReleaseInventory")).contains("path-compensation");
        assertThat(browser.classesOf("Task_ChargePayment")).contains("path-compensated");
        assertThat(browser.classesOf("Task_ReserveInventory")).contains("path-compensated");
        assertThat(browser.classesOf("End_OrderFailed")).contains("path-completed");
        assertThat(compensationOrder("Task_RefundPayment")).isEqualTo("↺ 1");
        assertThat(compensationOrder("Task_ReleaseInventory")).isEqualTo("↺ 2");
        assertThat(timelineTypes("command")).containsSubsequence("ScheduleShipment", "RefundPayment", "ReleaseInventory");
        assertThat(browser.find(".failure").getText()).contains("ShipmentKO").contains("Task_ScheduleShipment");
        browser.script("document.querySelector('h1').scrollIntoView()");
        browser.screenshot("order-failed-at-shipment");
    }

    @Test
    void anOrderWaitingForAStoppedParticipantIsActiveThereAndCompletesOnThePageWhenItIsBack() {
        api.stopParticipant("shipment");
        String orderId;
        try {
            orderId = api.place(Orders.happy("page-waiting"));
            api.awaitState(orderId, SAGA, "PaymentProcessed");
            openOrder(orderId);
            browser.await(SAGA, driver -> browser.classesOf("Task_ScheduleShipment").contains("path-active"));
            assertThat(browser.classesOf("Task_ChargePayment")).contains("path-completed");
            assertThat(browser.find("#diagram").getAttribute("data-finished")).isEqualTo("false");
            browser.screenshot("order-waiting-for-shipment");
        } finally {
            api.startParticipant("shipment");
        }
        // No reload: the page follows the order by itself.
        awaitFinished();
        assertThat(browser.classesOf("Task_ScheduleShipment")).contains("path-completed").doesNotContain("path-active");
        assertThat(browser.classesOf("End_OrderCompleted")).contains("path-completed");
    }

    @Test
    void theListFiltersByStateShowsTheCountsAndTheDemoFormPlacesAnOrderThatAppearsInIt() {
        String shipped = api.place(Orders.happy("page-list"));
        String failed = api.place(Orders.order("page-list-aq", "book-0005", 1, "7.00", "AQ"));
        api.awaitState(shipped, SAGA, "OrderShipped");
        api.awaitState(failed, SAGA, "OrderFailed");

        // The list is a search, which sees an order once the index refreshed (every second): reload until it is there.
        long deadline = System.nanoTime() + SAGA.toNanos();
        do {
            browser.open("/?load=" + System.nanoTime() + "#/orders?state=OrderShipped");
            awaitShown("[data-total], .list .problem", "orders-list-not-shown");
            if (System.nanoTime() > deadline) {
                browser.screenshot("orders-list-without-the-order");
                throw new AssertionError("Order " + shipped + " is not in the list: " + browser.find(".list").getText());
            }
        } while (browser.findAll("tr[data-order-id='" + shipped + "']").isEmpty());
        assertThat(browser.findAll("tbody tr")).isNotEmpty().allSatisfy(row -> assertThat(row.getText()).contains("OrderShipped"));
        @SuppressWarnings("unchecked")
        Map<String, Object> stats = rest.getForObject("/orders/stats", Map.class);
        @SuppressWarnings("unchecked")
        var byState = (Map<String, Number>) stats.get("byState");
        browser.await(SAGA, driver -> count("total") >= ((Number) stats.get("total")).longValue());
        assertThat(count("OrderShipped")).isGreaterThanOrEqualTo(byState.get("OrderShipped").longValue()).isPositive();
        assertThat(everyControlIsLabelled()).as("controls without a label").isEmpty();

        browser.navigate("#/orders");
        browser.await(SAGA, ExpectedConditions.visibilityOfElementLocated(By.id("d-customer")));
        WebElement customer = browser.find("#d-customer");
        customer.clear();
        customer.sendKeys("page-demo-form");
        new Select(browser.find("#d-sku")).selectByValue("book-0003");
        WebElement quantity = browser.find("#d-quantity");
        quantity.clear();
        quantity.sendKeys("3");
        new Select(browser.find("#d-country")).selectByValue("FR");
        browser.find("form.demo button[type=submit]").click();
        String placed = browser.await(SAGA, driver -> browser.findAll("[data-placed]").stream().findFirst()
                .map(element -> element.getAttribute("data-placed")).orElse(null));
        browser.await(SAGA, driver -> !browser.findAll("tr[data-order-id='" + placed + "']").isEmpty());
        var order = api.awaitFinal(placed, SAGA);
        assertThat(order).containsEntry("customerId", "page-demo-form");
        browser.screenshot("orders");

        browser.navigate("#/process");
        // The heat map reads itself again every few seconds; the orders above count once the index refreshed.
        browser.await(SAGA, driver -> heat("Task_ScheduleShipment").matches(".*\\d+ passed.*\\d+ failed.*")
                && heat("End_OrderFailed").matches("\\d+ passed") && heat("Boundary_ShipmentKO").matches("\\d+ passed"));
        assertThat(heat("Task_ReserveInventory")).containsPattern("\\d+ passed");
        assertThat(heat("End_OrderCompleted")).containsPattern("\\d+ passed");
        browser.screenshot("process-heat-map");
    }

    @Test
    void aCustomerNameWithMarkupIsShownAsTextAndThePageFitsAPhone() {
        var body = new HashMap<>(Orders.order("page-xss", "book-0004", 1, "5.00", "DE"));
        var address = new HashMap<String, Object>(castMap(body.get("shippingAddress")));
        address.put("name", "<img src=x onerror=alert(1)>");
        body.put("shippingAddress", address);
        String orderId = api.place(body);
        api.awaitFinal(orderId, SAGA);

        openOrder(orderId);
        awaitFinished();
        assertThat(browser.find(".details").getText()).contains("<img src=x onerror=alert(1)>");
        assertThat(browser.findAll("img[src='x']")).isEmpty();
        assertNoAlert();

        try (var phone = new Browser("http://localhost:" + port, 390, 844)) {
            phone.open("/#/orders/" + orderId);
            phone.await(SAGA, driver -> "true".equals(phone.find("#diagram").getAttribute("data-finished")));
            phone.screenshot("order-phone");
            assertThat(phone.script("""
                    return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                      && !e.closest('.table-wrap, .diagram')).map(e => e.tagName + '.' + e.className).slice(0, 10);
                    """)).as("elements wider than the phone's screen (no sideways scrolling)").asList().isEmpty();
            assertThat(phone.consoleErrors()).isEmpty();
        }
    }

    @Test
    void theApiBehindThePageNamesTheBpmnElementOfEveryEntryServesTheDiagramAndDescribesItselfInOpenApi() throws Exception {
        String orderId = api.place(Orders.happy("page-api"));
        api.awaitState(orderId, SAGA, "OrderShipped");
        var order = api.awaitOrder(orderId, SAGA, o -> assertThat(OrderApi.types(o, "event")).contains("CustomerNotified"));
        List<Map<String, Object>> history = castList(order.get("history"));
        assertThat(history).filteredOn(e -> !"notice".equals(e.get("kind"))).allSatisfy(entry -> assertThat(entry)
                .containsKeys("elementId", "bpmnProcessId", "processDefinitionKey", "processVersion")
                .containsEntry("bpmnProcessId", "order-process"));
        assertThat(history).filteredOn(e -> "ReserveInventory".equals(e.get("type"))).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("elementId", "Task_ReserveInventory"));
        assertThat(history).filteredOn(e -> "InventoryReserved".equals(e.get("type"))).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("elementId", "Task_ReserveInventory"));
        assertThat(history).filteredOn(e -> "InventoryChecked".equals(e.get("type"))).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("elementId", "Task_ChargePayment"));
        long key = ((Number) history.getFirst().get("processDefinitionKey")).longValue();

        var xml = rest.getForEntity("/process-definitions/" + key + "/xml", String.class);
        assertThat(xml.getStatusCode().value()).isEqualTo(200);
        assertThat(xml.getHeaders().getContentType().toString()).startsWith("text/xml");
        assertThat(xml.getBody()).contains("id=\"order-process\"").contains("bpmndi:BPMNDiagram");
        assertThat(xml.getHeaders().getFirst("Content-Security-Policy")).as("scripts only from the application").contains("script-src 'self';");

        var unknown = rest.getForEntity("/process-definitions/1/xml", String.class);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        var bad = rest.getForEntity("/process-definitions/not-a-key/xml", String.class);
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        assertThat(bad.getBody()).contains("processDefinitionKey");
        var noOrder = rest.getForEntity("/orders/no-such-order/path", String.class);
        assertThat(noOrder.getStatusCode().value()).isEqualTo(404);
        assertThat(noOrder.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");

        var page = rest.getForEntity("/", String.class);
        assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'self'; script-src 'self';");
        assertThat(page.getBody()).doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContain(" style=\"");

        var document = rest.getForEntity("/v3/api-docs", String.class);
        assertThat(document.getStatusCode().value()).isEqualTo(200);
        assertThat(document.getBody()).contains("\"/orders/{orderId}/path\"").contains("\"/process-definitions/{processDefinitionKey}/xml\"")
                .contains("\"/orders\"").contains("\"/orders/stats\"").contains("application/problem+json");
        Files.createDirectories(OPENAPI.getParent());
        Files.writeString(OPENAPI, document.getBody());
        assertThat(rest.getForEntity("/swagger-ui/index.html", String.class).getStatusCode().value()).isEqualTo(200);
    }

    /** The generated OpenAPI document, which the build then lints (tools/api-checks). */
    static final Path OPENAPI = Path.of("target", "openapi", "openapi.json");

    /** The heat map's counts on an element, e.g. "5 passed 1 failed", or "" without any. */
    private String heat(String elementId) {
        return browser.findAll(".heat[data-element-id='" + elementId + "']").stream().map(WebElement::getText).findFirst().orElse("")
                .replace('\n', ' ');
    }

    /** Waits until an element matches; if none does in time, saves what the browser shows and says what it was. */
    private void awaitShown(String css, String screenshot) {
        try {
            browser.await(Duration.ofSeconds(15), driver -> !browser.findAll(css).isEmpty());
        } catch (TimeoutException e) {
            browser.screenshot(screenshot);
            throw new AssertionError("Nothing matched " + css + " on " + browser.driver().getCurrentUrl() + "; the page shows: "
                    + browser.find("body").getText() + "; console: " + browser.consoleErrors(), e);
        }
    }

    private void openOrder(String orderId) {
        browser.open("/#/orders/" + orderId);
        browser.await(SAGA, driver -> !browser.findAll("#diagram .djs-element[data-element-id='Task_ReserveInventory']").isEmpty());
    }

    private void awaitFinished() {
        browser.await(SAGA, driver -> "true".equals(browser.find("#diagram").getAttribute("data-finished")));
    }

    private String compensationOrder(String elementId) {
        return (String) browser.script("return document.querySelector(\".djs-overlays[data-container-id='\" + arguments[0] + \"'] .compensation-order\")"
                + "?.textContent", elementId);
    }

    private List<String> timelineTypes(String kind) {
        return browser.findAll(".timeline tr[data-kind='" + kind + "']").stream().map(row -> row.getAttribute("data-type")).toList();
    }

    private long count(String key) {
        var counts = browser.findAll("[data-count='" + key + "'] .count");
        return counts.isEmpty() ? -1 : Long.parseLong(counts.getFirst().getText());
    }

    @SuppressWarnings("unchecked")
    private List<String> everyControlIsLabelled() {
        return (List<String>) browser.script("return [...document.querySelectorAll('input, select, textarea')]"
                + ".filter(c => c.labels.length === 0 && !c.getAttribute('aria-label')).map(c => c.id || c.name)");
    }

    /**
     * Every label of the diagram as the browser rendered it (task names and external labels): no two overlap, and none
     * covers a shape other than its own element.
     */
    @SuppressWarnings("unchecked")
    private List<String> labelProblems() {
        return (List<String>) browser.script("""
                const box = (e) => { const r = e.getBoundingClientRect(); return {x: r.left, y: r.top, r: r.right, b: r.bottom}; };
                const overlap = (a, b) => a.x < b.r - 0.5 && b.x < a.r - 0.5 && a.y < b.b - 0.5 && b.y < a.b - 0.5;
                const labels = [...document.querySelectorAll('#diagram .djs-element text.djs-label')]
                  .filter(t => t.textContent.trim())
                  .map(t => ({id: t.closest('.djs-element').dataset.elementId.replace(/_label$/, ''), text: t.textContent, ...box(t)}));
                const shapes = [...document.querySelectorAll('#diagram .djs-element.djs-shape')]
                  .filter(g => !g.dataset.elementId.endsWith('_label') && g.querySelector('.djs-visual > *'))
                  .map(g => ({id: g.dataset.elementId, ...box(g.querySelector('.djs-visual > *'))}));
                const problems = [];
                labels.forEach((a, i) => labels.slice(i + 1).forEach(b => {
                  if (overlap(a, b)) problems.push(`label "${a.text}" overlaps label "${b.text}"`);
                }));
                labels.forEach(l => shapes.filter(s => s.id !== l.id).forEach(s => {
                  if (overlap(l, s)) problems.push(`label "${l.text}" covers ${s.id}`);
                }));
                if (labels.length < 20) problems.push(`only ${labels.length} labels rendered`);
                return problems;
                """);
    }

    private void assertWatermarkVisible() {
        WebElement watermark = browser.find("#diagram .bjs-powered-by");
        browser.script("arguments[0].scrollIntoView({block: 'center'})", watermark);
        assertThat(watermark.isDisplayed()).isTrue();
        assertThat(browser.script("""
                const r = arguments[0].getBoundingClientRect();
                const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                return r.width > 0 && r.height > 0 && arguments[0].contains(top);
                """, watermark)).as("the bpmn.io watermark is visible and not covered").isEqualTo(true);
    }

    private void assertNoAlert() {
        try {
            browser.driver().switchTo().alert();
            throw new AssertionError("The page opened an alert: markup in the order's data ran as script");
        } catch (NoAlertPresentException expected) {
            // the name was shown as text
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castList(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
