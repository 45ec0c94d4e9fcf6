package org.depositservices.app;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.depositservices.packaging.Assemblers;
import org.depositservices.packaging.cli.PackageCommand;
import org.depositservices.packaging.bagit.BagValidator;
import org.depositservices.packaging.cli.ValidateBagCommand;
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
              users add <name> --roles r1,r2 [--collections c1,c2] | passwd <name> | roles <name> r1,r2
                    | list | remove <name>    manage the API's users (roles: admin, submitter, depositor, viewer)
              package --spec <bagit|dspace-mets|nihms|simple> --submission <file.json> [--out <dir>]
                                      build a package from a submission JSON without sending it
              verify-bag <dir|zip|tar|tar.gz> [--profile <profile.json>] [--quiet]
                         [--max-expansion-ratio N (20; 0: off)] [--max-expanded-size SIZE (64GB)]
                                      check a BagIt bag; exit 0 when valid, 1 when not, 2 when it cannot be judged
            """;

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        // Named in the embedded database's lock file, so that a second process can say who holds it.
        System.setProperty("deposit.mode", args[0]);
        if (!args[0].equals("listen")) {
            // The modes run beside listen: they join its embedded database instead of waiting for it.
            System.setProperty("pass.deposit.database.join-running", "true");
        }
        switch (args[0]) {
            case "listen" -> SpringApplication.run(DepositServices.class, rest);
            case "retry", "refresh" -> System.exit(OperatorModeRunner.run(args[0], rest, System.out, System.err));
            case "users" -> System.exit(UsersModeRunner.run(rest, System.in, System.out, System.err,
                    System.console() != null));
            // Plain-Java commands: no Spring context, no database.
            case "package" -> System.exit(new PackageCommand(Assemblers.discover(Clock.systemUTC()))
                    .run(List.of(rest), System.out, System.err));
            case "verify-bag", "validate-bag" -> System.exit(new ValidateBagCommand(new BagValidator())
                    .run(List.of(rest), System.out, System.err));
            case "help", "--help", "-h" -> System.out.print(USAGE);
            default -> {
                System.err.println("unknown mode '" + args[0] + "'");
                System.err.print(USAGE);
                System.exit(2);
            }
        }
    }
}
