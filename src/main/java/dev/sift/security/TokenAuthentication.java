package dev.sift.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A request authenticated by an API token: it acts for the user who created the token, with the token's role. */
class TokenAuthentication extends AbstractAuthenticationToken {

	private final long tokenId;

	private final String tokenName;

	private final String username;

	private final Role role;

	TokenAuthentication(long tokenId, String tokenName, String username, Role role) {
		super(List.of(role.authority()));
		this.tokenId = tokenId;
		this.tokenName = tokenName;
		this.username = username;
		this.role = role;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return this.username;
	}

	long tokenId() {
		return this.tokenId;
	}

	String tokenName() {
		return this.tokenName;
	}

	Role role() {
		return this.role;
	}

}
