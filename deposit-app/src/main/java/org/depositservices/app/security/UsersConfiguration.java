package org.depositservices.app.security;

import java.time.Clock;
import org.depositservices.app.AppSettings;
import org.depositservices.store.Database;
import org.depositservices.store.UserStore;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The user store and what every mode that opens it needs: the password encoder and the first start's admin. */
@Configuration(proxyBeanMethods = false)
public class UsersConfiguration {

    @Bean
    UserStore userStore(Database database) {
        return new UserStore(database.dataSource(), Clock.systemUTC());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return Passwords.encoder();
    }

    /** Spring Security's view of a user: the stored hash and one {@code ROLE_<ROLE>} authority per role. */
    @Bean
    UserDetailsService userDetailsService(UserStore users) {
        return name -> users.find(name).map(u -> User.withUsername(u.name()).password(u.passwordHash())
                        .authorities(Callers.authorities(u)).build())
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    @Bean
    InitialAdmin initialAdmin(UserStore users, PasswordEncoder encoder, AppSettings settings, Environment env) {
        return new InitialAdmin(users, encoder, settings.dataDir(), env.getProperty("pass.deposit.admin-password"));
    }

    /** Runs once every bean exists and before the HTTP server opens, so no request finds the store empty. */
    @Bean
    SmartInitializingSingleton initialAdminOnStart(InitialAdmin initialAdmin) {
        return initialAdmin::ensure;
    }
}
