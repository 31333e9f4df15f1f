package dev.ordersaga.participants.support.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The participants' inbox, outbox and ledger. {@link #handle} is the one transaction of a command;
 * the participants write their own tables through {@link #jdbc} inside it.
 */
public record ParticipantStore(JdbcClient jdbc, TransactionTemplate transactions, ObjectMapper json) implements CommandInbox {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};
    private static final String LEDGER = "select participant, order_id, entry, sku, quantity, amount, reference, command_id, at from ledger";
    private static final String REPLY = "i.reply_topic, i.reply_key, i.reply_value, i.reply_headers";

    /** @param outboxId the reply's outbox entry when this call applied the command; null for a reply recorded before */
    public record Handled(StoredReply reply, Long outboxId) {

        public boolean applied() {
            return outboxId != null;
        }
    }

    /** @param id the outbox entry, deleted ({@link #sent}) once Kafka acknowledged the reply */
    public record Pending(long id, String participant, String commandId, String orderId, String commandType, StoredReply reply) {}

    /**
     * Claims the command id in the inbox, runs the work, records its reply and queues it in the outbox; a command id claimed
     * before, by any replica, gets its recorded reply and the work does not run.
     */
    @Override
    public Handled handle(String participant, String commandId, String orderId, String commandType, Supplier<StoredReply> work) {
        return transactions.execute(status -> {
            // A concurrent claim of the same id (another replica) waits here until the first commits, then finds it.
            int claimed = jdbc.sql("""
                    insert into inbox (participant, command_id, order_id, command_type, reply_topic, reply_value, reply_headers)
                    values (?, ?, ?, ?, '', '', '') on conflict do nothing""")
                    .params(participant, commandId, orderId, commandType).update();
            if (claimed == 0) {
                return new Handled(recordedReply(participant, commandId).orElseThrow(
                        () -> new IllegalStateException("Command " + commandId + " of " + participant + " is in the inbox without its reply")), null);
            }
            StoredReply reply = work.get();
            jdbc.sql("update inbox set reply_topic = ?, reply_key = ?, reply_value = ?, reply_headers = ? where participant = ? and command_id = ?")
                    .params(reply.topic(), reply.key(), reply.value(), write(reply.headers()), participant, commandId).update();
            long outboxId = jdbc.sql("insert into outbox (participant, command_id) values (?, ?) returning id").params(participant, commandId)
                    .query(Long.class).single();
            return new Handled(reply, outboxId);
        });
    }

    @Override
    public Optional<StoredReply> recordedReply(String participant, String commandId) {
        return jdbc.sql("select " + REPLY + " from inbox i where participant = ? and command_id = ?").params(participant, commandId)
                .query((rs, row) -> reply(rs, 1)).optional();
    }

    @Override
    public Optional<String> commandType(String participant, String commandId) {
        return jdbc.sql("select command_type from inbox where participant = ? and command_id = ?").params(participant, commandId)
                .query(String.class).optional();
    }

    /** Business outcomes of this participant recorded, one per command id, until the retention prunes them. */
    public long handledCount(String participant) {
        return jdbc.sql("select count(*) from inbox where participant = ?").param(participant).query(Long.class).single();
    }

    /** Appends to the ledger; inside {@link #handle}'s work it commits with the command. */
    public void record(LedgerEntry entry) {
        jdbc.sql("insert into ledger (participant, order_id, entry, sku, quantity, amount, reference, command_id) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(entry.participant(), entry.orderId(), entry.entry(), entry.sku(), entry.quantity(), entry.amount(), entry.reference(),
                        entry.commandId())
                .update();
    }

    /** Oldest first. */
    public List<LedgerEntry> ledger(String participant, String orderId) {
        return jdbc.sql(LEDGER + " where participant = ? and order_id = ? order by id").params(participant, orderId).query(this::ledgerEntry).list();
    }

    /** Newest first. */
    public List<LedgerEntry> recentLedger(String participant, int limit) {
        return jdbc.sql(LEDGER + " where participant = ? order by id desc limit ?").params(participant, limit).query(this::ledgerEntry).list();
    }

    private LedgerEntry ledgerEntry(ResultSet rs, int row) throws SQLException {
        return new LedgerEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), (Integer) rs.getObject(5), rs.getBigDecimal(6),
                rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant());
    }

    /** Replies committed at least {@code olderThan} ago and not acknowledged yet, oldest first. */
    public List<Pending> pending(Instant olderThan, int limit) {
        return jdbc.sql("select o.id, o.participant, o.command_id, i.order_id, i.command_type, " + REPLY + """
                 from outbox o join inbox i on i.participant = o.participant and i.command_id = o.command_id
                where o.created_at <= ? order by o.id limit ?""")
                .params(Timestamp.from(olderThan), limit)
                .query((rs, row) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), reply(rs, 6)))
                .list();
    }

    /** Kafka acknowledged the replies of these outbox entries; returns how many were still there. */
    public int sent(Collection<Long> outboxIds) {
        return jdbc.sql("delete from outbox where id = any(?)").param(outboxIds.toArray(Long[]::new)).update();
    }

    /** Forgets handled commands older than {@code before} whose replies were sent; returns how many. */
    public int prune(Instant before) {
        return jdbc.sql("""
                delete from inbox i where i.handled_at < ?
                and not exists (select 1 from outbox o where o.participant = i.participant and o.command_id = i.command_id)""")
                .param(Timestamp.from(before)).update();
    }

    private StoredReply reply(ResultSet rs, int first) throws SQLException {
        try {
            return new StoredReply(rs.getString(first), rs.getString(first + 1), rs.getString(first + 2), json.readValue(rs.getString(first + 3), HEADERS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable reply headers in the inbox: " + rs.getString(first + 3), e);
        }
    }

    private String write(Map<String, String> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write reply headers " + headers, e);
        }
    }
}
