package org.depositservices.app.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.depositservices.app.security.Passwords;
import org.depositservices.store.UserStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Personal API tokens: each user creates, lists and revokes their own. The token is in the answer to its creation
 * and nowhere else; the store keeps only its SHA-256.
 */
@RestController
public class TokenController {
    static final int MAX_NAME_LENGTH = 200;

    private final UserStore users;

    public TokenController(UserStore users) {
        this.users = users;
    }

    @PostMapping(path = "/api/tokens", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> create(@RequestBody JsonNode body, Authentication auth) {
        JsonNode name = body == null ? null : body.get("name");
        String problem = name == null || name.isNull() ? "a token needs a name: {\"name\": \"...\"}"
                : !name.isString() ? "the token's name must be a string"
                : name.asString().isBlank() ? "the token's name is blank"
                : name.asString().length() > MAX_NAME_LENGTH ? "the token's name is longer than "
                        + MAX_NAME_LENGTH + " characters"
                : name.asString().chars().anyMatch(Character::isISOControl) ? "the token's name contains a control"
                        + " character"
                : null;
        if (problem != null) {
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, problem);
            p.setType(URI.create(ProblemHandler.TYPE_BASE + "invalid-token-request"));
            p.setTitle("Invalid token request");
            p.setProperty("field", "name");
            return ResponseEntity.badRequest().body(p);
        }
        String token = Passwords.newToken();
        UserStore.ApiToken t = users.createToken(auth.getName(), name.asString().strip(), Passwords.tokenHash(token));
        Map<String, Object> out = view(t);
        out.put("token", token);
        out.put("note", "the token is shown only now; send it as 'Authorization: Bearer <token>'");
        return ResponseEntity.created(URI.create("/api/tokens/" + t.id())).body(out);
    }

    @GetMapping("/api/tokens")
    public List<Map<String, Object>> list(Authentication auth) {
        return users.tokensOf(auth.getName()).stream().map(TokenController::view).toList();
    }

    @DeleteMapping("/api/tokens/{id}")
    public ResponseEntity<Void> revoke(@PathVariable String id, Authentication auth) {
        if (!users.revokeToken(auth.getName(), id)) {
            throw new NotFoundException("you have no token " + id);
        }
        return ResponseEntity.noContent().build();
    }

    private static Map<String, Object> view(UserStore.ApiToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("name", t.name());
        m.put("createdAt", t.createdAt());
        m.put("lastUsedAt", t.lastUsedAt());
        m.put("revokedAt", t.revokedAt());
        return m;
    }
}
