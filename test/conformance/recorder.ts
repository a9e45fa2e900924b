/**
 * A recording HTTP proxy put between our nodes and a sandbox: it keeps every request exactly as it went over the
 * wire (method, path, query, headers, raw and parsed body) and forwards it unchanged. Credentials point at the
 * proxy instead of the sandbox; the sandboxes themselves stay untouched.
 */
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	/** Path as sent, without the query string. */
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	rawBody: string;
	/** Parsed JSON body, undefined when there is none (`invalid` when it does not parse). */
	body?: unknown;
	invalidJson?: true;
}

export interface Recorder {
	url: string;
	requests: RecordedRequest[];
	close(): Promise<void>;
}

export async function startRecorder(target: string): Promise<Recorder> {
	const upstream = new URL(target);
	const requests: RecordedRequest[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			const url = new URL(req.url ?? '/', 'http://recorder.local');
			const entry: RecordedRequest = {
				method: (req.method ?? 'GET').toUpperCase(),
				path: url.pathname,
				query: url.searchParams,
				headers: req.headers,
				rawBody: raw.toString('utf8'),
			};
			if (entry.rawBody.trim() !== '') {
				try {
					entry.body = JSON.parse(entry.rawBody);
				} catch {
					entry.invalidJson = true;
				}
			}
			requests.push(entry);
			const forward = request(
				{
					host: upstream.hostname,
					port: upstream.port,
					method: req.method,
					path: `${upstream.pathname.replace(/\/$/, '')}${req.url ?? '/'}`,
					headers: { ...req.headers, host: upstream.host },
				},
				(up) => {
					res.writeHead(up.statusCode ?? 502, up.headers);
					up.pipe(res);
				},
			);
			forward.on('error', () => res.destroy());
			forward.end(raw);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
