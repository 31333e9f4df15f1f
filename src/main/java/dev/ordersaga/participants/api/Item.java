package dev.ordersaga.participants.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;

/** An order line; {@code unitPrice} is not used by the reference participants and may be absent. */
public record Item(@NotBlank String sku, @Positive int quantity, @PositiveOrZero BigDecimal unitPrice) {}
