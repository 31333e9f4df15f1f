package dev.ordersaga.participants.shipment.api;

/**
 * Where the parcel goes.
 *
 * @param country ISO 3166-1 alpha-2 code, e.g. {@code DE}
 */
public record Address(String name, String street, String city, String postalCode, String country) {

    public Address {
        require("name", name);
        require("street", street);
        require("city", city);
        require("postalCode", postalCode);
        require("country", country);
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("address " + field + " is required");
        }
    }
}
