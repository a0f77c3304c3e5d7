package dev.toolgate.agent.validation.sql;

import com.alibaba.druid.DbType;
import java.util.List;
import java.util.Locale;

/**
 * The grammar {@code sql} and {@code sql-read} parse with ({@code dialect:}). {@link #GENERIC}, the default,
 * tries Druid's grammars one after the other and takes the first that parses: MySQL first (the broadest for
 * everyday SELECTs), then PostgreSQL, Oracle, SQL Server and Hive, so that {@code DISTINCT ON}, {@code FETCH FIRST},
 * {@code WITHIN GROUP}, {@code QUALIFY}, {@code TABLESAMPLE}, {@code LATERAL VIEW}, {@code ::} casts, {@code MERGE}
 * and {@code ON CONFLICT} are read as the databases that have them read them.
 */
public enum SqlDialect {
    GENERIC(DbType.mysql, DbType.postgresql, DbType.oracle, DbType.sqlserver, DbType.hive),
    MYSQL(DbType.mysql),
    POSTGRESQL(DbType.postgresql),
    ORACLE(DbType.oracle),
    SQLSERVER(DbType.sqlserver),
    HIVE(DbType.hive);

    public static final List<String> NAMES = List.of("generic", "mysql", "postgresql", "oracle", "sqlserver", "hive");

    private final List<DbType> grammars;

    SqlDialect(DbType... grammars) {
        this.grammars = List.of(grammars);
    }

    List<DbType> grammars() {
        return grammars;
    }

    public static SqlDialect of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
