import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community embedded with the Bolt connector on loopback, until SIGTERM.
 *
 * Why embedded: there is no Docker engine on our machines, and Maven Central carries
 * Neo4j itself (org.neo4j:neo4j + neo4j-bolt), the same kernel a server runs. See the
 * Java Reference, "Accessing Neo4j embedded via the Bolt protocol".
 *
 * Arguments: HOME_DIR BOLT_PORT PAGECACHE [PASSWORD_FILE]. With a password file, authentication
 * is on and the built-in user "neo4j" gets that password; without one it is off.
 * Started and stopped by graph/launcher.py, which also waits for Bolt to answer.
 */
public final class Neo4jLauncher {
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: Neo4jLauncher HOME_DIR BOLT_PORT PAGECACHE [PASSWORD_FILE]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        long pageCache = ByteUnit.parse(args[2]);
        String password = args.length > 3 ? Files.readString(Path.of(args[3])).strip() : null;

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, password != null)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                // The API runs several short reads at once; keep query plans cached across them.
                .setConfig(GraphDatabaseSettings.query_cache_size, 1000)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(60))
                // The monitor that ends timed-out transactions looks every 2 s by default, so a
                // TREATYGRAPH_QUERY_TIMEOUT of 2 s ended queries after up to 4 s (bench/notes.md).
                .setConfig(GraphDatabaseSettings.transaction_monitor_check_interval, Duration.ofMillis(200))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        // A clean shutdown flushes the store, so the next start opens it without recovery.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "neo4j-shutdown"));

        if (password != null) {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        }
        System.out.println("treatygraph: Neo4j " + org.neo4j.kernel.internal.Version.getNeo4jVersion()
                + " ready, Bolt on 127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }
}
