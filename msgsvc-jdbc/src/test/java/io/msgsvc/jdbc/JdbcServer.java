package io.msgsvc.jdbc;

/**
 * A database server the tests reach over JDBC, embedded or in a container: each database {@code NAME} on it is at
 * {@code urlPrefix + NAME + urlSuffix}, and new databases are created from {@code adminDatabase} ("" for none).
 */
record JdbcServer(String urlPrefix, String urlSuffix, String user, String password, String adminDatabase) {
    String url(String database) {
        return urlPrefix + database + urlSuffix;
    }
}
