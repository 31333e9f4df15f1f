package dev.ordersaga.participants.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.participants.support.CommandHandler.OnCommand;
import org.junit.jupiter.api.Test;

/** What {@link Handler#of} accepts as a participant: what the pipeline relies on is checked at start, not at the first command. */
class HandlerTest {

    record Book(String what) {}

    record Booked(String what) {}

    record Refused(String reason) {}

    record NoReason(int code) {}

    @CommandHandler(name = "rooms")
    static final class Rooms {

        @OnCommand(refusal = Refused.class)
        public Booked book(String orderId, String commandId, Book book) {
            return new Booked(book.what());
        }

        public Booked notACommand(String orderId, String commandId, Book book) {
            return new Booked("never");
        }
    }

    @CommandHandler(name = "twice")
    static final class Twice {

        @OnCommand
        public Booked book(String orderId, String commandId, Book book) {
            return new Booked(book.what());
        }

        @OnCommand
        public Booked bookAgain(String orderId, String commandId, Book book) {
            return new Booked(book.what());
        }
    }

    @CommandHandler(name = "not-a-record")
    static final class NotARecord {

        @OnCommand
        public Booked book(String orderId, String commandId, String what) {
            return new Booked(what);
        }
    }

    @CommandHandler(name = "no-reason")
    static final class RefusalWithoutReason {

        @OnCommand(refusal = NoReason.class)
        public Booked book(String orderId, String commandId, Book book) {
            return new Booked(book.what());
        }
    }

    @Test
    void aCommandIsAnAnnotatedMethodNamedOnTheWireByItsRecord() {
        Handler rooms = Handler.of(new Rooms());

        assertThat(rooms.name()).isEqualTo("rooms");
        assertThat(rooms.commands()).containsOnlyKeys("Book");
        assertThat(rooms.hasBusinessFailures()).isTrue();
        assertThat(rooms.refusal(rooms.commands().get("Book"), "full")).isEqualTo(new Refused("full"));
        assertThat(rooms.apply(rooms.commands().get("Book"), "order-1", "cmd-1", new Book("a room"))).isEqualTo(new Booked("a room"));
    }

    @Test
    void whatThePipelineCouldNotDispatchIsRefusedAtStart() {
        assertThatThrownBy(() -> Handler.of(new Twice())).hasMessageContaining("two methods for Book");
        assertThatThrownBy(() -> Handler.of(new NotARecord())).hasMessageContaining("<command record>");
        assertThatThrownBy(() -> Handler.of(new RefusalWithoutReason())).hasMessageContaining("(String reason)");
        assertThatThrownBy(() -> Handler.of(new Object())).hasMessageContaining("is not a @CommandHandler");
    }
}
