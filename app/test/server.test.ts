import * as assert from "node:assert/strict";
import * as http from "node:http";
import { AddressInfo } from "node:net";

import { AppServer, createAppServer } from "../src/server";

interface Answer {
    status: number;
    headers: http.IncomingHttpHeaders;
    body: string;
}

function request(port: number, path: string, method = "GET"): Promise<Answer> {
    return new Promise((resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port, path, method, agent: false }, (res) => {
            let body = "";
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => (body += chunk));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        });
        req.on("error", reject);
        req.end();
    });
}

describe("app: HTTP service", () => {
    let app: AppServer;
    let port: number;

    before(async () => {
        app = createAppServer({ name: "govstack-app", version: "1.2.3" });
        await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
        port = (app.server.address() as AddressInfo).port;
    });

    after(async () => {
        await app.shutdown(100);
    });

    it("answers /health with 200 and JSON status ok", async () => {
        const res = await request(port, "/health");
        assert.equal(res.status, 200);
        assert.deepEqual(JSON.parse(res.body), { status: "ok" });
        assert.match(String(res.headers["content-type"]), /^application\/json/);
    });

    it("answers /ready with 200 while serving", async () => {
        const res = await request(port, "/ready");
        assert.equal(res.status, 200);
        assert.deepEqual(JSON.parse(res.body), { status: "ready" });
    });

    it("sends security headers and never caches", async () => {
        const res = await request(port, "/health");
        assert.equal(res.headers["cache-control"], "no-store");
        assert.equal(res.headers["x-content-type-options"], "nosniff");
        assert.equal(res.headers["x-frame-options"], "DENY");
        assert.match(String(res.headers["strict-transport-security"]), /max-age=31536000/);
    });

    it("answers an unknown path with 404", async () => {
        const res = await request(port, "/nope?x=1");
        assert.equal(res.status, 404);
        assert.deepEqual(JSON.parse(res.body), { error: "not found" });
    });

    it("rejects methods other than GET and HEAD with 405 and an Allow header", async () => {
        const res = await request(port, "/health", "POST");
        assert.equal(res.status, 405);
        assert.equal(res.headers.allow, "GET, HEAD");
    });

    it("answers HEAD without a body", async () => {
        const res = await request(port, "/health", "HEAD");
        assert.equal(res.status, 200);
        assert.equal(res.body, "");
    });

    it("reports name and version on / and nothing from the environment", async () => {
        const res = await request(port, "/");
        assert.deepEqual(JSON.parse(res.body), { service: "govstack-app", version: "1.2.3" });
    });
});

describe("app: graceful shutdown", () => {
    it("turns /ready to 503 while draining, finishes, and stops listening", async () => {
        const app = createAppServer({ name: "govstack-app", version: "1.2.3" });
        await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
        const port = (app.server.address() as AddressInfo).port;
        // A keep-alive connection held open would block close(); shutdown must still finish.
        const agent = new http.Agent({ keepAlive: true });
        await new Promise<void>((resolve, reject) => {
            http.get({ host: "127.0.0.1", port, path: "/health", agent }, (res) => {
                res.resume();
                res.on("end", resolve);
            }).on("error", reject);
        });

        assert.equal(app.isReady(), true);
        const done = app.shutdown(200);
        assert.equal(app.isReady(), false);
        await done;
        agent.destroy();

        assert.equal(app.server.listening, false);
        await assert.rejects(request(port, "/health"), /ECONNREFUSED/);
    });

    it("resolves when the server never listened", async () => {
        const app = createAppServer({ name: "govstack-app", version: "0" });
        await app.shutdown(10);
        assert.equal(app.isReady(), false);
    });
});
