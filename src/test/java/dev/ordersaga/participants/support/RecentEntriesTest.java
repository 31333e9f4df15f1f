package dev.ordersaga.participants.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecentEntriesTest {

    @Test
    void keepsTheMostRecentlyAddedKeysUpToItsLimit() {
        var recent = new RecentEntries<String, Integer>(3);
        for (int i = 1; i <= 5; i++) {
            recent.put("order-" + i, i);
        }
        assertThat(recent).containsOnlyKeys("order-3", "order-4", "order-5");
        assertThat(recent.forgotten()).isEqualTo(2);
    }

    @Test
    void anUpdateDoesNotMakeAKeyRecentButRemovingAndAddingItDoes() {
        var recent = new RecentEntries<String, Integer>(2);
        recent.put("a", 1);
        recent.put("b", 2);
        recent.put("a", 10);
        recent.put("c", 3);
        assertThat(recent).containsOnlyKeys("b", "c");

        recent.put("b", recent.remove("b") + 1);
        recent.put("d", 4);
        assertThat(recent).containsOnlyKeys("b", "d").containsEntry("b", 3);
    }

    @Test
    void refusesALimitBelowOne() {
        assertThatThrownBy(() -> new RecentEntries<>(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
