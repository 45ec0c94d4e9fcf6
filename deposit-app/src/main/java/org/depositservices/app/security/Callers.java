package org.depositservices.app.security;

import java.util.Collection;
import java.util.List;
import org.depositservices.store.UserStore;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Who is calling, and what their roles let them see. */
public final class Callers {
    private Callers() {
    }

    static List<GrantedAuthority> authorities(UserStore.User u) {
        return u.roles().stream().sorted()
                .map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r.name())).toList();
    }

    public static boolean has(Authentication auth, UserStore.Role role) {
        if (auth == null) {
            return false;
        }
        Collection<? extends GrantedAuthority> granted = auth.getAuthorities();
        return granted.stream().anyMatch(a -> ("ROLE_" + role.name()).equals(a.getAuthority()));
    }

    /** Admins and viewers read every submission; anyone else only their own. */
    public static boolean readsAll(Authentication auth) {
        return has(auth, UserStore.Role.ADMIN) || has(auth, UserStore.Role.VIEWER);
    }

    /**
     * Whether the caller may see a submission owned by {@code owner} (null: no owner, so only those who read all).
     */
    public static boolean maySee(Authentication auth, String owner) {
        return readsAll(auth) || (auth != null && owner != null && owner.equals(auth.getName()));
    }

    /** The owner a listing is limited to: null (all) for admins and viewers, the caller's name otherwise. */
    public static String listOwner(Authentication auth) {
        return readsAll(auth) ? null : auth.getName();
    }
}
