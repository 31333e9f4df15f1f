package dev.ordersaga.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/** The body of {@code POST /orders}. */
public record PlaceOrderRequest(
        @NotBlank @Size(max = 100) String customerId,
        @NotBlank @Email @Size(max = 254) String email,
        @NotEmpty @Size(max = 100) List<@NotNull @Valid Item> items,
        @NotNull @Valid ShippingAddress shippingAddress) {

    /**
     * @param unitPrice positive, at most two decimals; a JSON string ({@code "12.50"}) or number
     */
    public record Item(
            @NotBlank @Size(max = 64) String sku,
            @NotNull @Positive @Max(100_000) Integer quantity,
            @NotNull @Positive @Digits(integer = 10, fraction = 2) BigDecimal unitPrice) {}

    public record ShippingAddress(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 200) String street,
            @NotBlank @Size(max = 100) String city,
            @NotBlank @Size(max = 20) String postalCode,
            @NotNull @CountryCode String country) {}
}
