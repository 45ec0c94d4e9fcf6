package org.depositservices.app.security;

import jakarta.servlet.DispatcherType;
import org.depositservices.app.api.SecurityProblems;
import org.depositservices.store.UserStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what. Everything needs credentials (HTTP Basic or a personal API token) except
 * {@code /actuator/health}, which shows anonymous callers only its status. Roles: admin everything; viewer reads
 * everything; submitter creates submissions and reads its own (the controller narrows reads to the owner); every
 * user manages their own tokens.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WebSecurityConfiguration {
    private static final String ADMIN = UserStore.Role.ADMIN.name();
    private static final String VIEWER = UserStore.Role.VIEWER.name();
    private static final String SUBMITTER = UserStore.Role.SUBMITTER.name();

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, UserStore users, JsonMapper json) throws Exception {
        SecurityProblems problems = new SecurityProblems(json);
        http
                // No cookies and no sessions: every request carries its credentials, so there is no session to
                // ride (CSRF) and nothing to remember between requests.
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .httpBasic(b -> b.realmName("Deposit Services").authenticationEntryPoint(problems))
                .addFilterBefore(new TokenAuthenticationFilter(users, problems), BasicAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(a -> a
                        // the error page of a request that was already let through
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/submissions").hasAnyRole(ADMIN, SUBMITTER)
                        .requestMatchers(HttpMethod.GET, "/api/submissions", "/api/submissions/**",
                                "/api/deposits/**", "/api/repositories").hasAnyRole(ADMIN, VIEWER, SUBMITTER)
                        .requestMatchers("/api/tokens", "/api/tokens/**").authenticated()
                        .requestMatchers(HttpMethod.GET, "/actuator/**").hasAnyRole(ADMIN, VIEWER)
                        // operator actions and anything added later: admins only until a rule says otherwise
                        .anyRequest().hasRole(ADMIN));
        return http.build();
    }
}
