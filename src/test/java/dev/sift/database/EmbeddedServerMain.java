package dev.sift.database;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import ch.qos.logback.classic.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Another Sift on a data directory, for tests that need a second process: opens the embedded server of the directory
 * given as the only argument the way Sift does, prints {@code ready port=N owner=true|false}, then reads commands from
 * standard input: {@code query} runs a query through its server and prints {@code answer N}, {@code close} (or the end
 * of the input) closes the server as Sift does at exit and prints {@code closed}.
 */
public final class EmbeddedServerMain {

	private EmbeddedServerMain() {
	}

	public static void main(String[] args) throws Exception {
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
		EmbeddedServer server = EmbeddedServer
			.open(new EmbeddedDatabaseProperties(Path.of(args[0]), 0, Duration.ofSeconds(60), true));
		System.out.println("ready port=" + server.port() + " owner=" + server.owner());
		BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		String command;
		while ((command = commands.readLine()) != null && !command.equals("close")) {
			if (command.equals("query")) {
				try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), "");
						Statement statement = connection.createStatement();
						ResultSet result = statement.executeQuery("SELECT 6 * 7")) {
					result.next();
					System.out.println("answer " + result.getInt(1));
				}
			}
		}
		server.close();
		System.out.println("closed");
	}

}
