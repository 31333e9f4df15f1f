package dev.ordersaga.soak;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The faults of a soak as they happened, each with its time (and logged as it happens). */
final class FaultLog {

    /** A fault, or the end of one (a restart). */
    record Event(long at, String kind, String target, String detail) {

        boolean isKill() {
            return kind.equals(KILL);
        }
    }

    static final String KILL = "kill -9";
    static final String SIGTERM = "SIGTERM";
    static final String RESTART = "restart";
    static final String ES_STOP = "Elasticsearch stopped";
    static final String ES_START = "Elasticsearch started";
    static final String MALFORMED = "malformed records";
    static final String REPLY_FAULTS = "participant faults";

    private static final Logger log = LoggerFactory.getLogger(FaultLog.class);
    private final List<Event> events = new ArrayList<>();

    synchronized Event add(String kind, String target, String detail) {
        var event = new Event(System.currentTimeMillis(), kind, target, detail);
        events.add(event);
        log.info("FAULT {} {} {}{}", Instant.ofEpochMilli(event.at()), kind, target, detail.isEmpty() ? "" : ": " + detail);
        return event;
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    synchronized long kills() {
        return events.stream().filter(Event::isKill).filter(e -> e.target().startsWith("app-")).count();
    }
}
