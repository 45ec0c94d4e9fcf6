package org.depositservices.app.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 as RFC 9457 problem documents, like every other error of the API. They are written here because the
 * security filters answer before any controller (and {@link ProblemHandler}) is reached.
 */
public final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {
    static final String REALM = "Deposit Services";
    private final JsonMapper json;

    public SecurityProblems(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.addHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        response.addHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
        // The reason stays vague on purpose: saying whether the user or the password was wrong helps a guesser.
        String detail = request.getHeader("Authorization") == null
                ? "this request needs credentials: HTTP Basic (user and password) or 'Authorization: Bearer <token>'"
                : "the credentials were not accepted (unknown user, wrong password, or an unknown or revoked token)";
        write(response, 401, "unauthorized", "Unauthorized", detail, request);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, 403, "forbidden", "Forbidden", "user '" + (request.getUserPrincipal() == null ? "?"
                : request.getUserPrincipal().getName()) + "' has no role that allows "
                + request.getMethod() + " " + request.getRequestURI(), request);
    }

    private void write(HttpServletResponse response, int status, String type, String title, String detail,
                       HttpServletRequest request) throws IOException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", ProblemHandler.TYPE_BASE + type);
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        p.put("instance", request.getRequestURI());
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), p);
    }
}
