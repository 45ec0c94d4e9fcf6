package org.depositservices.app;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * {@code java -jar deposit-services.jar <mode> [options]}. Modes:
 * <ul>
 *   <li>{@code listen}: the service: HTTP API, deposit engine, message listeners.</li>
 * </ul>
 * See README.md for every mode and environment variable.
 */
@SpringBootApplication
public class DepositServices {

    static final String USAGE = """
            usage: java -jar deposit-services.jar <mode> [options]
              listen                  run the service (HTTP API and deposit engine)
            """;

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "listen" -> SpringApplication.run(DepositServices.class, rest);
            case "help", "--help", "-h" -> System.out.print(USAGE);
            default -> {
                System.err.println("unknown mode '" + args[0] + "'");
                System.err.print(USAGE);
                System.exit(2);
            }
        }
    }
}
