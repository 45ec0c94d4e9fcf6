package org.depositservices.app;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.depositservices.engine.EngineParts;
import org.depositservices.engine.EngineSettings;
import org.depositservices.engine.OperatorModes;
import org.depositservices.engine.RepositoryTargets;
import org.depositservices.model.Deposit;
import org.depositservices.store.FileContentStore;
import org.depositservices.store.StateStore;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code retry} and {@code refresh} modes: the same configuration as {@code listen} (database, repositories,
 * transports), without the HTTP server, broker or engine; they work while {@code listen} runs.
 */
final class OperatorModeRunner {
    private OperatorModeRunner() {
    }

    /**
     * @return the process exit code: 0 when every deposit was handled, 1 when any was refused, failed again or had
     *         an error, 2 for bad arguments
     */
    static int run(String mode, String[] args, PrintStream out, PrintStream err) {
        List<String> refs = new ArrayList<>();
        List<String> springArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--uri=")) {
                refs.add(a.substring("--uri=".length()));
            } else if (a.equals("--uri") || a.equals("--uris")) {
                while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    refs.add(args[++i]);
                }
            } else if (a.startsWith("--uris=")) {
                refs.addAll(List.of(a.substring("--uris=".length()).split("[ ,]+")));
            } else if (a.startsWith("--") && a.contains("=")) {
                springArgs.add(a);
            } else {
                err.println("unexpected argument '" + a + "'; usage: " + mode + " [--uri=<deposit id or URI>...]");
                return 2;
            }
        }
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(DepositServices.class)
                .web(WebApplicationType.NONE).profiles("no-engine").logStartupInfo(false)
                .run(springArgs.toArray(String[]::new))) {
            StateStore store = ctx.getBean(StateStore.class);
            RepositoryTargets targets = ctx.getBean(RepositoryTargets.class);
            EngineSettings settings = EngineConfiguration.engineSettings(ctx.getEnvironment());
            // The mode's claims name an owner no listen node has, so a listen starting meanwhile never takes the
            // mode's attempt in flight for one of its own interrupted ones.
            Deposit.AttemptOwner owner = new Deposit.AttemptOwner("mode-" + mode + "-" + UUID.randomUUID(),
                    UUID.randomUUID().toString());
            OperatorModes modes = EngineParts.build(store, ctx.getBean(FileContentStore.class), targets, settings,
                            Clock.systemUTC(), new Random(), owner)
                    .operatorModes(ctx.getBean(AppSettings.class).repositoryConfiguration(),
                            System.getProperty("user.name", "operator"));
            OperatorModes.Progress progress = System.console() != null ? OperatorModes.Progress.terminal(err)
                    : OperatorModes.Progress.none();
            OperatorModes.Summary s = mode.equals("retry") ? modes.retry(refs, out, progress)
                    : modes.refresh(refs, out, progress);
            out.println(mode.equals("retry") ? s.retryLine() : s.refreshLine());
            return s.allDone() ? 0 : 1;
        }
    }
}
