package dev.toolgate.sample.world;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A pretend warehouse: table names and row counts, enough for reads to answer and drops to be visible. */
public final class Database {

    private static final Pattern FROM_TABLE = Pattern.compile("\\bfrom\\s+(\\w+)", Pattern.CASE_INSENSITIVE);

    private final Map<String, Integer> rowCounts = new TreeMap<>();

    public synchronized void createTable(String table, int rows) {
        rowCounts.put(table.toLowerCase(Locale.ROOT), rows);
    }

    public synchronized Set<String> tables() {
        return Set.copyOf(rowCounts.keySet());
    }

    public synchronized boolean hasTable(String table) {
        return rowCounts.containsKey(table.toLowerCase(Locale.ROOT));
    }

    /** Answers a query with the row count of the table it reads from. */
    public synchronized String read(String query) {
        Matcher from = FROM_TABLE.matcher(query);
        if (!from.find()) {
            return "ERROR: only SELECT ... FROM <table> is understood here";
        }
        Integer rows = rowCounts.get(from.group(1).toLowerCase(Locale.ROOT));
        return rows == null
                ? "ERROR: relation \"" + from.group(1) + "\" does not exist"
                : "count\n" + rows + "\n(1 row)";
    }

    /** Drops the table; false when there was no such table. */
    public synchronized boolean drop(String table) {
        return rowCounts.remove(table.toLowerCase(Locale.ROOT)) != null;
    }
}
