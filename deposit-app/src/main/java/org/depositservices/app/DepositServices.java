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
              retry [--uri=<deposit>...]    re-run FAILED or RETRY deposits (all of them without --uri)
              refresh [--uri=<deposit>...]  re-read custody of SUBMITTED deposits (all of them without --uri)
            """;

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "listen" -> SpringApplication.run(DepositServices.class, rest);
            case "retry", "refresh" -> System.exit(OperatorModeRunner.run(args[0], rest, System.out, System.err));
            case "help", "--help", "-h" -> System.out.print(USAGE);
            default -> {
                System.err.println("unknown mode '" + args[0] + "'");
                System.err.print(USAGE);
                System.exit(2);
            }
        }
    }
}
