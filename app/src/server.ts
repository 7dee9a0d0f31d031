import * as http from "node:http";

/** What the service reports about itself; nothing here is secret (no config values, no env dump). */
export interface ServiceInfo {
    name: string;
    version: string;
}

export interface AppServer {
    readonly server: http.Server;
    /** True until shutdown starts; /ready answers 503 from then on so the ALB stops routing here. */
    isReady(): boolean;
    /**
     * Stops accepting connections, lets in-flight requests finish, and resolves once the server is
     * closed — or after `graceMs`, when lingering keep-alive connections are cut.
     */
    shutdown(graceMs?: number): Promise<void>;
}

// Browser-facing hardening on every answer (NIST SC-8/SC-23: no caching of responses, no sniffing).
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
    "cache-control": "no-store",
    "content-type": "application/json; charset=utf-8",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "strict-transport-security": "max-age=31536000; includeSubDomains",
    "referrer-policy": "no-referrer",
};

function send(res: http.ServerResponse, status: number, body: Record<string, unknown>, method?: string): void {
    const payload = JSON.stringify(body);
    res.writeHead(status, { ...SECURITY_HEADERS, "content-length": Buffer.byteLength(payload) });
    res.end(method === "HEAD" ? undefined : payload);
}

/** Builds the HTTP server (not yet listening). Routes: GET/HEAD /health, /ready, / . */
export function createAppServer(info: ServiceInfo): AppServer {
    let ready = true;
    const server = http.createServer((req, res) => {
        const method = req.method ?? "GET";
        const path = (req.url ?? "/").split("?")[0];
        if (method !== "GET" && method !== "HEAD") {
            res.setHeader("allow", "GET, HEAD");
            send(res, 405, { error: "method not allowed" }, method);
            return;
        }
        switch (path) {
            case "/health":
                // Liveness: the process answers. The ALB target group and the ECS health check use it.
                send(res, 200, { status: "ok" }, method);
                return;
            case "/ready":
                // Readiness: false while draining, so new requests go to the other tasks first.
                if (ready) {
                    send(res, 200, { status: "ready" }, method);
                } else {
                    send(res, 503, { status: "draining" }, method);
                }
                return;
            case "/":
                send(res, 200, { service: info.name, version: info.version }, method);
                return;
            default:
                send(res, 404, { error: "not found" }, method);
        }
    });
    // Slow-client protection (SC-5): bound how long a request may take to arrive.
    server.requestTimeout = 30_000;
    server.headersTimeout = 10_000;
    // Longer than the ALB idle timeout (60 s), so the ALB — not the task — closes idle connections.
    server.keepAliveTimeout = 65_000;

    const shutdown = (graceMs = 20_000): Promise<void> => {
        ready = false;
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => server.closeAllConnections(), graceMs);
            timer.unref();
            server.close((err) => {
                clearTimeout(timer);
                // Closing a server that never listened is not a failed shutdown.
                if (err && (err as NodeJS.ErrnoException).code !== "ERR_SERVER_NOT_RUNNING") {
                    reject(err);
                } else {
                    resolve();
                }
            });
            server.closeIdleConnections();
        });
    };
    return { server, isReady: () => ready, shutdown };
}
