package io.camunda.zeebe.process.test.engine.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.db.ColumnFamily;
import io.camunda.zeebe.db.TransactionContext;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.db.impl.DbCompositeKey;
import io.camunda.zeebe.db.impl.DbLong;
import io.camunda.zeebe.db.impl.DbString;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * order-saga's column family of the in-memory engine state: a lookup by prefix visits exactly the keys with that
 * prefix, from the key sought, while the visitor changes the state, as the engine's own did.
 */
class InMemoryDbColumnFamilyTest {

    private final ZeebeDb<ZbColumnFamilies> db = new InMemoryDbFactory<ZbColumnFamilies>().createDb();
    private final TransactionContext context = db.createContext();
    private final DbLong scope = new DbLong();
    private final DbLong name = new DbLong();
    private final DbCompositeKey<DbLong, DbLong> key = new DbCompositeKey<>(scope, name);
    private final DbString value = new DbString();
    private ColumnFamily<DbCompositeKey<DbLong, DbLong>, DbString> variables;
    private ColumnFamily<DbCompositeKey<DbLong, DbLong>, DbString> others;

    @BeforeEach
    void state() {
        variables = db.createColumnFamily(ZbColumnFamilies.VARIABLES, context, key, value);
        others = db.createColumnFamily(ZbColumnFamilies.JOBS, context, key, value);
        for (long s = 1; s <= 3; s++) {
            for (long n = 1; n <= 3; n++) {
                put(variables, s, n);
                put(others, s, n);
            }
        }
    }

    @Test
    void aLookupByPrefixVisitsTheKeysWithThePrefixOnlyAndTheVisitorMayDeleteThem() {
        scope.wrapLong(2);
        var seen = new ArrayList<String>();
        variables.whileEqualPrefix(scope, (k, v) -> {
            seen.add(v.toString());
            variables.deleteExisting(k);
        });

        assertThat(seen).containsExactly("2/1", "2/2", "2/3");
        assertThat(all(variables)).containsExactly("1/1", "1/2", "1/3", "3/1", "3/2", "3/3");
        assertThat(all(others)).as("another column family").hasSize(9);
    }

    @Test
    void aLookupFromAKeyVisitsTheRestOfThePrefixAndStopsWhenTheVisitorSaysSo() {
        scope.wrapLong(1);
        name.wrapLong(2);
        var startAt = new DbCompositeKey<>(new DbLong(), new DbLong());
        startAt.first().wrapLong(1);
        startAt.second().wrapLong(2);
        var prefix = new DbLong();
        prefix.wrapLong(1);
        var seen = new ArrayList<String>();
        variables.whileEqualPrefix(prefix, startAt, (k, v) -> {
            seen.add(v.toString());
            return true;
        });
        assertThat(seen).containsExactly("1/2", "1/3");

        var firstTwo = new ArrayList<String>();
        variables.whileTrue((k, v) -> {
            firstTwo.add(v.toString());
            return firstTwo.size() < 2;
        });
        assertThat(firstTwo).containsExactly("1/1", "1/2");
        assertThat(variables.count()).isEqualTo(9);
        scope.wrapLong(3);
        assertThat(variables.countEqualPrefix(scope)).isEqualTo(3);
        scope.wrapLong(4);
        assertThat(variables.countEqualPrefix(scope)).isZero();
    }

    @Test
    void aLookupSeesWhatTheVisitorAddsOnlyAfterwards() {
        scope.wrapLong(3);
        var seen = new ArrayList<String>();
        variables.whileEqualPrefix(scope, (k, v) -> {
            seen.add(v.toString());
            put(variables, 3, 9);
        });
        assertThat(seen).containsExactly("3/1", "3/2", "3/3");
        assertThat(all(variables)).endsWith("3/3", "3/9");
    }

    private void put(ColumnFamily<DbCompositeKey<DbLong, DbLong>, DbString> family, long s, long n) {
        scope.wrapLong(s);
        name.wrapLong(n);
        value.wrapString(s + "/" + n);
        family.upsert(key, value);
    }

    private static List<String> all(ColumnFamily<DbCompositeKey<DbLong, DbLong>, DbString> family) {
        var all = new ArrayList<String>();
        family.forEach((k, v) -> all.add(v.toString()));
        return all;
    }
}
