/** What every route handler gets: the warehouse, the resolved settings and the Extensiv token store. */
import type { Warehouse } from './warehouse';

export interface WmsSettings {
	clientId: string;
	clientSecret: string;
	userLogin: string;
	userLoginId: number;
	customerId: number;
	facilityId: number;
	tokenTtlSeconds: number;
	timeZone: string;
	allowDuplicateReferences: boolean;
	/** The generic API's counterpart of `allowDuplicateReferences`. */
	httpAllowDuplicateReferences: boolean;
	headerName: string;
	headerValue: string;
}

export interface WmsContext {
	warehouse: Warehouse;
	settings: WmsSettings;
	tokens: TokenStore;
	clock: () => Date;
}

/** Bearer tokens issued by /AuthServer/api/Token with their expiry (ms since epoch). */
export class TokenStore {
	private readonly tokens = new Map<string, number>();
	private counter = 0;

	constructor(private readonly clock: () => Date) {}

	issue(ttlSeconds: number): string {
		this.counter++;
		const token = `sbx.${this.counter}.${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
		this.tokens.set(token, this.clock().getTime() + ttlSeconds * 1000);
		return token;
	}

	isValid(token: string): boolean {
		const expires = this.tokens.get(token);
		return expires !== undefined && this.clock().getTime() < expires;
	}

	revoke(token: string): void {
		this.tokens.delete(token);
	}

	revokeAll(): void {
		this.tokens.clear();
	}
}
