/**
 * `POST /AuthServer/api/Token`: OAuth2 client credentials with Basic auth base64(clientId:clientSecret) and a JSON
 * body `{ grant_type: "client_credentials", user_login | user_login_id, tpl? }`.
 */
import type { WmsContext } from './context';
import { unauthorized } from './extensivErrors';
import { header, isRecord, json, parseBody, type Reply, type SandboxRequest } from './http';

export const TOKEN_PATH = '/authserver/api/token';

function oauthError(status: number, error: string, description: string): Reply {
	return json(status, { error, error_description: description });
}

export function issueToken(ctx: WmsContext, req: SandboxRequest): Reply {
	const auth = header(req, 'authorization') ?? '';
	const match = /^Basic\s+(.+)$/i.exec(auth);
	if (!match) return oauthError(401, 'invalid_client', 'Basic authentication with the client id and secret is required.');
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const sep = decoded.indexOf(':');
	const clientId = sep >= 0 ? decoded.slice(0, sep) : decoded;
	const secret = sep >= 0 ? decoded.slice(sep + 1) : '';
	const { settings } = ctx;
	if (clientId !== settings.clientId || secret !== settings.clientSecret) {
		return oauthError(401, 'invalid_client', 'The client id or secret is not valid.');
	}
	const body = parseBody(req);
	if (!isRecord(body)) return oauthError(400, 'invalid_request', 'The request body must be a JSON object.');
	if (body.grant_type !== 'client_credentials') {
		return oauthError(400, 'unsupported_grant_type', 'grant_type must be client_credentials.');
	}
	const login = body.user_login;
	const loginId = body.user_login_id;
	if (login === undefined && loginId === undefined) {
		return oauthError(400, 'invalid_request', 'user_login or user_login_id is required.');
	}
	const loginOk = login === undefined || login === settings.userLogin;
	const loginIdOk = loginId === undefined || Number(loginId) === settings.userLoginId;
	if (!loginOk || !loginIdOk) return oauthError(400, 'invalid_grant', 'The user login is not known for this client.');
	const token = ctx.tokens.issue(settings.tokenTtlSeconds);
	return json(200, {
		access_token: token,
		token_type: 'Bearer',
		expires_in: settings.tokenTtlSeconds,
		refresh_token: null,
		scope: null,
	});
}

/** The bearer token of the request, or undefined when absent. */
export function bearerToken(req: SandboxRequest): string | undefined {
	const match = /^Bearer\s+(\S+)$/i.exec(header(req, 'authorization') ?? '');
	return match?.[1];
}

/** 401 reply when the request has no valid bearer token, else undefined. */
export function requireToken(ctx: WmsContext, req: SandboxRequest): Reply | undefined {
	const token = bearerToken(req);
	return token && ctx.tokens.isValid(token) ? undefined : unauthorized();
}
