package dev.ordersaga.order;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An order's process variables, the one place in Java that names them: the BPMN reads them by these names (e.g. {@code
 * =orderId} as the correlation key, {@code =stepTimeout} on the steps' timers, {@code items} in the commands' payloads).
 * The saga starts with the order's data and its step deadline ({@link #atStart}); the bridge sets {@code failureReason}
 * when a step fails for good; {@code trackingNumber} comes with the shipment. Every state change carries a snapshot of
 * them ({@link #SNAPSHOT}), from which the projection reads the order ({@link #read}).
 *
 * @param orderId the order's id
 * @param customerId who placed it
 * @param email where the customer is told
 * @param items what was ordered
 * @param total the sum of quantity × unit price
 * @param currency of the prices and the total
 * @param shippingAddress where it goes
 * @param failureReason once the order failed: {@code {step, elementId, event, message}}
 * @param trackingNumber once shipped, if the process has it
 * @param stepTimeout how long a step may take (ISO-8601 duration): a setting of the process, not part of the order
 *     <p>As JSON (the order in tracking's documents and answers) the order is its data: the last two are left out.
 */
public record OrderVariables(
        String orderId,
        String customerId,
        String email,
        List<PlaceOrderRequest.Item> items,
        BigDecimal total,
        String currency,
        PlaceOrderRequest.ShippingAddress shippingAddress,
        JsonNode failureReason,
        @JsonIgnore String trackingNumber,
        @JsonIgnore @ProcessSetting String stepTimeout) {

    /** A variable that configures the process rather than describes the order: no state change carries it. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    @interface ProcessSetting {}

    public static final String ORDER_ID = "orderId";
    public static final String TRACKING_NUMBER = "trackingNumber";

    private static final RecordComponent[] COMPONENTS = OrderVariables.class.getRecordComponents();
    /** The variables a state change carries, in this order. */
    public static final List<String> SNAPSHOT = Arrays.stream(COMPONENTS).filter(c -> !c.isAnnotationPresent(ProcessSetting.class))
            .map(RecordComponent::getName).toList();
    private static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    static {
        var names = Arrays.stream(COMPONENTS).map(RecordComponent::getName).toList();
        if (!names.containsAll(List.of(ORDER_ID, TRACKING_NUMBER))) {
            throw new IllegalStateException("OrderVariables names " + ORDER_ID + " and " + TRACKING_NUMBER + " as variables it does not have");
        }
    }

    /** The variables an order's saga starts with. */
    public static OrderVariables atStart(String orderId, PlaceOrderRequest request, BigDecimal total, String currency, String stepTimeout) {
        return new OrderVariables(orderId, request.customerId(), request.email(), request.items(), total, currency, request.shippingAddress(),
                null, null, stepTimeout);
    }

    /** As the engine takes them: every variable that has a value, by its name. */
    public Map<String, Object> asMap() {
        var variables = new LinkedHashMap<String, Object>();
        for (RecordComponent component : COMPONENTS) {
            Object value = valueOf(component);
            if (value != null) {
                variables.put(component.getName(), value);
            }
        }
        return variables;
    }

    /**
     * The variables in a state change's snapshot. A value of an unexpected shape is left out (a list keeps the elements
     * that fit) rather than failing the read: the projection must never stop at a message it cannot index.
     */
    public static OrderVariables read(JsonNode snapshot) {
        Object[] values = new Object[COMPONENTS.length];
        for (int i = 0; i < COMPONENTS.length; i++) {
            JsonNode value = snapshot.get(COMPONENTS[i].getName());
            values[i] = value == null || value.isNull() ? null : leniently(value, JSON.constructType(COMPONENTS[i].getGenericType()));
        }
        try {
            return OrderVariables.class.getDeclaredConstructor(Arrays.stream(COMPONENTS).map(RecordComponent::getType).toArray(Class<?>[]::new))
                    .newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot make OrderVariables", e);
        }
    }

    private static Object leniently(JsonNode value, JavaType type) {
        if (type.isCollectionLikeType()) {
            if (!value.isArray()) {
                return null;
            }
            var kept = new ArrayList<>();
            value.forEach(element -> {
                Object converted = leniently(element, type.getContentType());
                if (converted != null) {
                    kept.add(converted);
                }
            });
            return kept;
        }
        if (!type.isTypeOrSubTypeOf(JsonNode.class) && value.isContainerNode() != isObjectType(type)) {
            return null;
        }
        try {
            return JSON.convertValue(value, type);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A record or a bean, read from a JSON object (a text or a number is read from a value). */
    private static boolean isObjectType(JavaType type) {
        return !type.isTypeOrSubTypeOf(String.class) && !type.isTypeOrSubTypeOf(Number.class) && !type.isPrimitive();
    }

    private Object valueOf(RecordComponent component) {
        try {
            return component.getAccessor().invoke(this);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + component.getName(), e);
        }
    }
}
