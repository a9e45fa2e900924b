/**
 * Admin endpoints under /__admin for tests driving the sandbox over HTTP (the real-n8n e2e test). Never faulted,
 * never logged, no auth.
 */
import { isRecord, json, parseBody, type Reply, type SandboxRequest } from './http';
import type { ShipPlan, WmsFaultConfig, WmsSandbox, WmsWorkStage } from './types';

export const ADMIN_PREFIX = '/__admin';

function faultsFrom(body: unknown): WmsFaultConfig | null {
	if (!isRecord(body)) return null;
	const config = { ...body } as unknown as WmsFaultConfig & { pathPattern?: unknown };
	if (typeof body.pathPattern === 'string') config.pathPattern = new RegExp(body.pathPattern);
	return config as WmsFaultConfig;
}

export function handleAdmin(sandbox: WmsSandbox, req: SandboxRequest): Reply {
	const path = req.path.slice(ADMIN_PREFIX.length);
	const route = `${req.method} ${path}`;
	try {
		switch (route) {
			case 'GET /orders':
				return json(200, { orders: sandbox.listOrders() });
			case 'POST /ship': {
				const body = parseBody(req);
				const b = isRecord(body) ? body : {};
				const orders =
					typeof b.orderId === 'number'
						? sandbox.ship(b.orderId, b.plan as ShipPlan | undefined)
						: sandbox.shipAll({ plans: Array.isArray(b.plans) ? (b.plans as ShipPlan[]) : undefined });
				return json(200, { orders });
			}
			case 'POST /stage': {
				const body = parseBody(req);
				const b = isRecord(body) ? body : {};
				if (typeof b.orderId !== 'number' || !['allocated', 'picking', 'packed'].includes(String(b.stage))) {
					return json(400, { error: 'Body must be {orderId, stage: "allocated" | "picking" | "packed"}.' });
				}
				sandbox.setStage(b.orderId, b.stage as WmsWorkStage);
				return json(200, { orders: sandbox.listOrders().filter((o) => o.orderId === b.orderId) });
			}
			case 'PUT /stock': {
				const body = parseBody(req);
				if (!isRecord(body) || typeof body.sku !== 'string' || typeof body.available !== 'number') {
					return json(400, { error: 'Body must be {sku, available}.' });
				}
				sandbox.setStock(body.sku, body.available);
				return json(200, { sku: body.sku, available: sandbox.getStock(body.sku) });
			}
			case 'PUT /faults':
				sandbox.setFaults(faultsFrom(parseBody(req)));
				return { status: 204 };
			case 'GET /requests':
				return json(200, { requests: sandbox.requestLog() });
			case 'DELETE /requests':
				sandbox.resetRequestLog();
				return { status: 204 };
			case 'POST /expire-tokens':
				sandbox.expireTokens();
				return { status: 204 };
			default:
				return json(404, { error: `No admin route ${route}.` });
		}
	} catch (e) {
		return json(400, { error: (e as Error).message });
	}
}
