package org.depositservices.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.depositservices.app.security.InitialAdmin;
import org.depositservices.app.security.Passwords;
import org.depositservices.store.DuplicateKeyException;
import org.depositservices.store.UserStore;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The {@code users} mode: adds, lists, changes and removes the API's users, on the same configuration (database)
 * as {@code listen}, without the HTTP server, broker or engine; it works while {@code listen} runs.
 *
 * <p>Exit status: 0 done; 1 refused (unknown user, duplicate user, last admin); 2 bad arguments (unknown command or
 * role, bad name, unusable password).
 */
final class UsersModeRunner {
    static final String USAGE = """
            usage: users add <name> --roles r1,r2 [--collections c1,c2]
                   users passwd <name>
                   users roles <name> r1,r2 [--collections c1,c2]
                   users list
                   users remove <name>
            roles: admin, submitter, depositor, viewer (--collections: a depositor's SWORD collections)
            add and passwd read the password from standard input when it is not a terminal; on a terminal they
            generate one and print it once.""";

    /** Also the rule of HTTP Basic: no ':' in a user name. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private UsersModeRunner() {
    }

    /** What the command line asked for, checked before any database is opened. */
    record Command(String verb, String name, Set<UserStore.Role> roles, List<String> collections) {
    }

    /** Thrown for a bad command line; its message is the whole explanation. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /**
     * @param in           where a password is read from, unless {@code terminal}
     * @param terminal     whether the user sits at a terminal: then passwords are generated and shown once
     */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
        List<String> springArgs = new ArrayList<>();
        Command cmd;
        try {
            cmd = parse(args, springArgs);
        } catch (UsageException e) {
            err.println("users: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        String password = null;
        boolean generated = false;
        if (cmd.verb().equals("add") || cmd.verb().equals("passwd")) {
            if (terminal) {
                password = Passwords.generate();
                generated = true;
            } else {
                try {
                    password = readPassword(in);
                } catch (IOException e) {
                    err.println("users: cannot read the password from standard input: " + e.getMessage());
                    return 2;
                }
                String problem = Passwords.problem(password);
                if (problem != null) {
                    err.println("users: the password read from standard input cannot be used: " + problem);
                    return 2;
                }
            }
        }
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(DepositServices.class)
                .web(WebApplicationType.NONE).profiles("no-engine").logStartupInfo(false)
                .run(springArgs.toArray(String[]::new))) {
            UserStore users = ctx.getBean(UserStore.class);
            PasswordEncoder encoder = ctx.getBean(PasswordEncoder.class);
            Path dataDir = ctx.getBean(AppSettings.class).dataDir();
            try {
                return execute(cmd, users, encoder, dataDir, password, generated, out);
            } catch (UserStore.UnknownUserException | UserStore.LastAdminException | DuplicateKeyException e) {
                err.println("users: " + e.getMessage());
                return 1;
            }
        }
    }

    private static int execute(Command cmd, UserStore users, PasswordEncoder encoder, Path dataDir, String password,
                               boolean generated, PrintStream out) {
        switch (cmd.verb()) {
            case "add" -> {
                UserStore.User u = users.create(cmd.name(), encoder.encode(password), cmd.roles(), cmd.collections());
                out.println("added user '" + u.name() + "' with roles " + roles(u.roles())
                        + (u.collections().isEmpty() ? "" : " and collections " + String.join(",", u.collections())));
                if (generated) {
                    out.println("password of '" + u.name() + "' (shown only now): " + password);
                }
            }
            case "passwd" -> {
                users.setPassword(cmd.name(), encoder.encode(password));
                out.println("changed the password of '" + cmd.name() + "'");
                if (generated) {
                    out.println("password of '" + cmd.name() + "' (shown only now): " + password);
                }
                Path file = InitialAdmin.passwordFile(dataDir);
                if (cmd.name().equals(InitialAdmin.USER) && Files.exists(file)) {
                    try {
                        Files.delete(file);
                        out.println("removed " + file + ": it no longer holds the password of '"
                                + InitialAdmin.USER + "'");
                    } catch (IOException e) {
                        out.println("could not remove " + file + " (" + e.getMessage()
                                + "); it no longer holds the password of '" + InitialAdmin.USER + "'");
                    }
                }
            }
            case "roles" -> {
                UserStore.User u = users.setRoles(cmd.name(), cmd.roles(), cmd.collections());
                out.println("roles of '" + u.name() + "': " + roles(u.roles())
                        + (u.collections().isEmpty() ? "" : "; collections: " + String.join(",", u.collections())));
            }
            case "list" -> {
                List<UserStore.User> all = users.list();
                int width = Math.max(4, all.stream().mapToInt(u -> u.name().length()).max().orElse(4));
                out.printf("%-" + width + "s  %-30s  %-20s  %s%n", "name", "roles", "created", "collections");
                for (UserStore.User u : all) {
                    out.printf("%-" + width + "s  %-30s  %-20s  %s%n", u.name(), roles(u.roles()),
                            u.createdAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                            String.join(",", u.collections()));
                }
            }
            case "remove" -> {
                users.remove(cmd.name());
                out.println("removed user '" + cmd.name() + "' and their API tokens");
            }
            default -> throw new IllegalStateException(cmd.verb());
        }
        return 0;
    }

    static Command parse(String[] args, List<String> springArgs) throws UsageException {
        List<String> positional = new ArrayList<>();
        String rolesOption = null;
        String collectionsOption = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--roles") || a.equals("--collections")) {
                if (i + 1 >= args.length) {
                    throw new UsageException(a + " needs a value");
                }
                if (a.equals("--roles")) {
                    rolesOption = args[++i];
                } else {
                    collectionsOption = args[++i];
                }
            } else if (a.startsWith("--roles=")) {
                rolesOption = a.substring("--roles=".length());
            } else if (a.startsWith("--collections=")) {
                collectionsOption = a.substring("--collections=".length());
            } else if (a.startsWith("--") && a.contains("=")) {
                springArgs.add(a);
            } else if (a.startsWith("-")) {
                throw new UsageException("unknown option '" + a + "'");
            } else {
                positional.add(a);
            }
        }
        if (positional.isEmpty()) {
            throw new UsageException("which command? (add, passwd, roles, list, remove)");
        }
        String verb = positional.get(0);
        List<String> rest = positional.subList(1, positional.size());
        int expected = switch (verb) {
            case "list" -> 0;
            case "add", "passwd", "remove" -> 1;
            case "roles" -> rolesOption == null ? 2 : 1;
            default -> throw new UsageException("unknown command '" + verb + "' (add, passwd, roles, list, remove)");
        };
        if (rest.size() != expected) {
            throw new UsageException("'" + verb + "' takes " + (expected == 0 ? "no argument"
                    : expected == 1 ? "a user name" : "a user name and roles") + ", not " + rest);
        }
        String name = expected == 0 ? null : rest.get(0);
        if (name != null && !NAME.matcher(name).matches()) {
            throw new UsageException("'" + name + "' is not a usable user name (1 to 64 of letters, digits, '.', "
                    + "'_', '@', '-', starting with a letter or digit)");
        }
        if (verb.equals("roles") && rolesOption == null) {
            rolesOption = rest.get(1);
        }
        boolean takesRoles = verb.equals("add") || verb.equals("roles");
        if (takesRoles && rolesOption == null) {
            throw new UsageException("'" + verb + "' needs --roles r1,r2 (admin, submitter, depositor, viewer)");
        }
        if (!takesRoles && (rolesOption != null || collectionsOption != null)) {
            throw new UsageException("'" + verb + "' takes neither --roles nor --collections");
        }
        Set<UserStore.Role> roles = takesRoles ? roles(rolesOption) : Set.of();
        List<String> collections = collectionsOption == null ? List.of() : Arrays.stream(collectionsOption.split(","))
                .map(String::trim).filter(c -> !c.isEmpty()).distinct().toList();
        if (!collections.isEmpty() && !roles.contains(UserStore.Role.DEPOSITOR)) {
            throw new UsageException("--collections are a depositor's; add the role depositor or leave them out");
        }
        return new Command(verb, name, roles, collections);
    }

    private static Set<UserStore.Role> roles(String list) throws UsageException {
        Set<UserStore.Role> roles = EnumSet.noneOf(UserStore.Role.class);
        for (String r : list.split(",")) {
            if (r.isBlank()) {
                continue;
            }
            try {
                roles.add(UserStore.Role.of(r));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (roles.isEmpty()) {
            throw new UsageException("no role given (admin, submitter, depositor, viewer)");
        }
        return roles;
    }

    private static String roles(Set<UserStore.Role> roles) {
        return roles.stream().sorted().map(UserStore.Role::id).collect(Collectors.joining(","));
    }

    /** The first line of standard input, without its line end. */
    private static String readPassword(InputStream in) throws IOException {
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new IOException("it is empty (pipe the password in, e.g. printf '%s\\n' \"$PW\" | ...)");
        }
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
