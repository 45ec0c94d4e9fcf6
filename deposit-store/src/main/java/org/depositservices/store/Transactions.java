package org.depositservices.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** One transaction around some JDBC work, with the store's exceptions; shared by the stores of this module. */
final class Transactions {
    private Transactions() {
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     *
     * @throws DuplicateKeyException when a unique key refused the write
     * @throws StoreException        for any other database error
     */
    static <T> T run(DataSource dataSource, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new DuplicateKeyException(e.getMessage(), e);
            }
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }
}
